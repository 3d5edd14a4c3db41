#pragma once

#include "routingproblem.h"

#include <cstdint>

namespace finops {

// A one-model-per-task routing problem of the hard kind: a generalized assignment problem
// after Chu and Beasley's type D (a task's cost on a model falls as its load there rises,
// each model's capacity is 80 % of its average load share). The LP relaxation is
// fractional and branch and bound needs many nodes: what `bench route` times against
// glpsol, and what tests use when a solve must still be running when they act (Cancel).
// Loads are 1..100, costs 111 - load + (-10..10); the same `seed` gives the same problem
// on every platform (its own generator, not <random>'s distributions).
RoutingProblem hardAssignmentProblem(int tasks, int models, std::uint64_t seed = 12345);

} // namespace finops
