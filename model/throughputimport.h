#pragma once

#include "measurementstore.h"

#include <string>
#include <string_view>
#include <vector>

namespace finops {

// Reads measured inference throughput:
// - llama.cpp `llama-bench -o json` (an array of test objects; also `-o jsonl`): model_type
//   ("llama 7B Q4_0"), model_n_params, n_prompt / n_gen (a prompt test has n_gen 0, a
//   generation test n_prompt 0), avg_ts, gpu_info / cpu_info / backends. Older and newer
//   field sets are tolerated: only model_type (or model_filename), n_prompt, n_gen and
//   avg_ts are required.
// - vLLM benchmark JSON: benchmark_serving's output_throughput / input throughput
//   (total_input_tokens over duration) or benchmark_throughput's tokens_per_second;
//   the model from model_id / model; vLLM does not record the hardware, so `hardware`
//   (and `quant`) name it.
// Format "auto" tells them apart by their keys. InputError names file:line:field.
std::vector<ThroughputMeasurement> readThroughputFile(std::string_view text, const std::string& fileName,
                                                      std::string_view format, const std::string& hardware,
                                                      const std::string& quant);

} // namespace finops
