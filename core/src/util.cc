#include "util.h"

namespace notwork {

namespace {
// Length of the valid UTF-8 sequence at s[i], or 0 when invalid.
size_t utf8_len(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n;
  uint32_t min;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; min = 0x80; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; min = 0x800; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; min = 0x10000; }
  else return 0;
  if (i + n > s.size()) return 0;
  uint32_t cp = c & (0xFF >> (n + 1));
  for (size_t k = 1; k < n; ++k) {
    const unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}
}  // namespace

std::string sanitize_utf8(std::string_view in, size_t max_bytes) {
  std::string out;
  sanitize_utf8(in, max_bytes, &out);
  return out;
}

void sanitize_utf8(std::string_view in, size_t max_bytes, std::string* result) {
  // Fast path: short enough, valid and without NUL (nearly every string) is copied as is.
  if (in.size() <= max_bytes) {
    size_t i = 0;
    while (i < in.size()) {
      const unsigned char c = static_cast<unsigned char>(in[i]);
      if (c >= 0x80) {
        const size_t n = utf8_len(in, i);
        if (n == 0) break;
        i += n;
      } else if (c == 0) {
        break;
      } else {
        ++i;
      }
    }
    if (i == in.size()) {
      result->assign(in);
      return;
    }
  }
  std::string& out = *result;
  out.clear();
  out.reserve(in.size() < max_bytes ? in.size() : max_bytes);
  size_t i = 0;
  while (i < in.size()) {
    size_t n = utf8_len(in, i);
    if (n == 0) {
      if (out.size() + 3 > max_bytes) break;
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    if (out.size() + n > max_bytes) break;
    if (!(n == 1 && in[i] == '\0')) out.append(in.data() + i, n);
    i += n;
  }
}

std::string ascii_lower(std::string_view in) {
  std::string out(in);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

uint64_t fnv1a(std::string_view s, uint64_t h) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string clip(std::string_view s, size_t max_chars) {
  std::string out;
  size_t chars = 0;
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = utf8_len(s, i);
    if (n == 0) n = 1;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      i += n;
      continue;
    }
    if (space) {
      if (chars + 1 >= max_chars) { out += "…"; return out; }
      out += ' ';
      ++chars;
      space = false;
    }
    if (chars >= max_chars) { out += "…"; return out; }
    if (utf8_len(s, i) == 0) out += "\xEF\xBF\xBD"; else out.append(s.data() + i, n);
    ++chars;
    i += n;
  }
  return out;
}

std::string quoted(std::string_view s, size_t max_chars) {
  return "“" + clip(s, max_chars) + "”";
}

}  // namespace notwork
