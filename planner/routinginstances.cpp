#include "routinginstances.h"

#include <cmath>
#include <string>
#include <vector>

namespace finops {

RoutingProblem hardAssignmentProblem(int tasks, int models, std::uint64_t seed)
{
    RoutingProblem p;
    std::uint64_t state = seed;
    auto next = [&state](int lo, int hi) { // a 64-bit LCG (Knuth's MMIX constants)
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return lo + static_cast<int>((state >> 33) % static_cast<std::uint64_t>(hi - lo + 1));
    };
    for (int t = 0; t < tasks; ++t) {
        RoutingTask task;
        task.id = "t" + std::to_string(t);
        task.monthlyRequests = 1000;
        task.inputTokens = 100;
        p.tasks.push_back(task);
    }
    for (int m = 0; m < models; ++m) {
        RoutingModel model;
        model.id = "m" + std::to_string(m);
        model.provider = "p" + std::to_string(m);
        model.inputUsdPerMtok = 1;
        model.outputUsdPerMtok = 1;
        p.models.push_back(model);
    }
    std::vector<double> loadSum(static_cast<std::size_t>(models), 0);
    for (const RoutingTask& task : p.tasks)
        for (std::size_t m = 0; m < p.models.size(); ++m) {
            RoutingPair pair;
            pair.task = task.id;
            pair.model = p.models[m].id;
            const int load = next(1, 100);
            pair.load = load;
            pair.costUsd = 111 - load + next(-10, 10);
            loadSum[m] += load;
            p.pairs.push_back(pair);
        }
    for (std::size_t m = 0; m < p.models.size(); ++m)
        p.models[m].capacity = std::floor(0.8 * loadSum[m] / models);
    p.constraints.integral = true;
    return p;
}

} // namespace finops
