#pragma once

#include "lp.h"

#include <atomic>
#include <functional>

namespace finops::lp {

struct MipOptions
{
    double relativeGap = 1e-9;   // stop when (incumbent - bound) <= relativeGap * max(1, |incumbent|)
    long long nodeLimit = 0;     // 0: none
    double timeLimitSeconds = 0; // 0: none
    const std::atomic<bool>* cancel = nullptr; // set to true to stop (status Cancelled, best incumbent kept)
    std::function<void(double)> progress;      // 0..1 (closed share of the initial gap); from the solving thread
};

struct MipResult
{
    // Optimal (within relativeGap), Infeasible, Unbounded (LP relaxation unbounded), TimeLimit
    // (time or node limit: x is the incumbent when hasSolution), Cancelled.
    Status status = Status::Infeasible;
    bool hasSolution = false;
    double objective = 0; // the incumbent's
    double bestBound = 0; // proven lower bound
    double gap = 0;       // (objective - bestBound) / max(1e-9, |objective|); 0 when proven optimal
    Eigen::VectorXd x;
    long long nodes = 0;
    long long lpIterations = 0;
};

// Branch and bound on the LP relaxation for the columns flagged `integer`: best-bound node
// selection with depth-first diving after each branching; node LPs re-solved by the primal
// simplex warm-started from the parent's basis; pseudocost branching, initialised by a
// strong-branching probe of up to 8 candidates; reduced-cost fixing against the incumbent;
// a few rounds of extended cover cuts on the knapsack (capacity) rows at the root; early
// incumbents from a rounding heuristic (for assignment structure: greedy by LP value plus
// shift/swap local search); and, when every costed column is integer with an integral
// cost, nodes pruned at incumbent - 1. Without integer columns it is solve().
MipResult solveMip(const LinearProgram& lp, const MipOptions& options = {});

} // namespace finops::lp
