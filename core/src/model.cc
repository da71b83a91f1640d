// Labels, kinds and dates of the post model.
#include <cstdio>

#include "notwork/post.h"

namespace notwork {

const char* label_name(Label label) {
  switch (label) {
    case Label::Autofeed: return "autofeed";
    case Label::PurePromo: return "pure_promo";
    case Label::GenuineShare: return "genuine_share";
    case Label::Conversation: return "conversation";
    case Label::Neutral: break;
  }
  return "neutral";
}

bool label_from_name(const std::string& name, Label* out) {
  for (int i = 0; i < kLabelCount; ++i) {
    if (name == label_name(static_cast<Label>(i))) {
      *out = static_cast<Label>(i);
      return true;
    }
  }
  return false;
}

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::Post: return "post";
    case Kind::Comment: return "comment";
    case Kind::Dm: return "dm";
    case Kind::Invitation: return "invitation";
    case Kind::Draft: return "draft";
  }
  return "post";
}

namespace {
// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm, integer only).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool digits(const std::string& s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}
}  // namespace

bool parse_time(const std::string& s, int64_t* seconds) {
  int y, mo, d, h = 0, mi = 0, se = 0;
  if (!digits(s, 0, 4, &y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, &mo) ||
      s[7] != '-' || !digits(s, 8, 2, &d))
    return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  size_t i = 10;
  int64_t offset = 0;
  if (i < s.size() && (s[i] == 'T' || s[i] == ' ' || s[i] == 't')) {
    if (!digits(s, i + 1, 2, &h) || i + 3 >= s.size() || s[i + 3] != ':' ||
        !digits(s, i + 4, 2, &mi))
      return false;
    i += 6;
    if (i < s.size() && s[i] == ':') {
      if (!digits(s, i + 1, 2, &se)) return false;
      i += 3;
    }
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      int oh = 0, om = 0;
      const int sign = s[i] == '-' ? -1 : 1;
      if (!digits(s, i + 1, 2, &oh)) return false;
      size_t j = i + 3;
      if (j < s.size() && s[j] == ':') ++j;
      if (j < s.size() && !digits(s, j, 2, &om)) return false;
      offset = sign * (oh * 3600 + om * 60);
    }
    if (h > 23 || mi > 59 || se > 60) return false;
  }
  *seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
             h * 3600 + mi * 60 + se - offset;
  return true;
}

std::string format_date(int64_t seconds) {
  int64_t z = (seconds >= 0 ? seconds : seconds - 86399) / 86400 + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

}  // namespace notwork
