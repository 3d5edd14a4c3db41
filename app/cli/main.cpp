// finops-cli: the headless front end. All the work is in the finops_cli library.
#include "cliapp.h"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    return finops::cli::run(args, std::cout, std::cerr);
}
