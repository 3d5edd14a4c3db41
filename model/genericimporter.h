#pragma once

#include "usageimporter.h"

namespace finops {

// Any CSV or JSONL with a column mapping (a MappingProfile): which column holds the id, timestamp, provider, model, each token kind, requests, cost and tags.
class GenericImporter : public UsageImporter
{
public:
    std::string_view format() const override { return "generic"; }
    std::string_view description() const override;
    bool recognises(std::string_view head) const override;
    void read(std::string_view text, const std::string& fileName, const MappingProfile* mapping,
              UsageRecordSink& sink) const override;
};

} // namespace finops
