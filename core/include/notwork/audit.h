// Account audit over one author's posts: P1 broadcast vs conversation, P2 own vs others'
// links, P8 duplicates, P9 bursts, P12 link-only share, P14 mentions answered, label mix,
// activity per day, an overall score 0-100 with its breakdown and three suggestions.
#pragma once

#include <string>
#include <vector>

#include "notwork/config.h"
#include "notwork/post.h"

namespace notwork {

// Returns the audit report as JSON text (shape in docs/ARCHITECTURE.md). Deterministic.
std::string audit_json(const std::vector<Post>& posts, const Config& config);

}  // namespace notwork
