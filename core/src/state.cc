// Author memory: the per-author context as a versioned, bounded document (state.h).
//
//   {"format":"notwork-state","version":1,"now":<seconds>,
//    "authors":[{"key":"<site>\u001f@<handle>","total":<posts ever seen>,"posts":"<base64>"},...],
//    "comments":"<base64>","checksum":"<16 hex digits>"}
//
// Authors most recently used first; each author's posts (and the comments) oldest first, as
// fixed little-endian records (below) in standard base64. The document is ASCII (keys
// are written with \u escapes). The checksum is FNV-1a 64 of every
// byte before `,"checksum":`, so a truncated or altered document is refused as a whole.
#include "state.h"

#include <algorithm>
#include <cstring>
#include <list>
#include <stdexcept>
#include <utility>
#include <vector>

#include "json_io.h"
#include "util.h"

namespace notwork {

namespace {

using nlohmann::json;

constexpr std::string_view kMagic = R"({"format":"notwork-state","version":)";
constexpr std::string_view kChecksumKey = R"(,"checksum":")";
constexpr size_t kTail = kChecksumKey.size() + 16 + 2;  // ,"checksum":"<16 hex>"}
constexpr size_t kMaxKeyBytes = 4 * 1024 + 64;
constexpr size_t kMinBytes = 256;

// ---- records -----------------------------------------------------------------------------
// One post: u8 flags, u8 label | domain_count << 4, u64 exact hash, u64 skeleton hash,
// u64 identity; then, as flagged: i64 time, i64 seen (when it is not the time), u16 shingles
// + 16 x u32 MinHash, u64 last hashtag; domain_count x u64 domains; comments also u64 author.
enum Flag : uint8_t {
  kHasTime = 1, kHasLink = 2, kLinkOnly = 4, kTitleLike = 8, kReply = 16,
  kHasMinhash = 32, kHasTag = 64, kOwnSeen = 128,
};

// A record is built in a small buffer and appended at once (byte-wise appends to a
// std::string are slow in the -Os wasm build).
constexpr size_t kMaxRecord = 2 + 3 * 8 + 2 * 8 + 2 + 4 * Features::kMinHashes + 8 + 2 * 8 + 8;
struct Buffer {
  char bytes[kMaxRecord];
  size_t n = 0;
  void operator+=(char c) { bytes[n++] = c; }
};
void put64(Buffer& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.bytes[out.n++] = static_cast<char>((v >> (8 * i)) & 0xff);
}
void put32(Buffer& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.bytes[out.n++] = static_cast<char>((v >> (8 * i)) & 0xff);
}

void put_record(std::string& into, const Fingerprint& fp, int64_t seen, bool comment) {
  Buffer out;
  uint8_t flags = 0;
  if (fp.has_time) flags |= kHasTime;
  if (fp.has_link) flags |= kHasLink;
  if (fp.link_only) flags |= kLinkOnly;
  if (fp.title_like) flags |= kTitleLike;
  if (fp.reply) flags |= kReply;
  if (fp.shingles > 0) flags |= kHasMinhash;
  if (fp.last_tag != 0) flags |= kHasTag;
  if (!fp.has_time || seen != fp.time) flags |= kOwnSeen;
  const int domains = fp.domain_count < 0 ? 0 : fp.domain_count > 2 ? 2 : fp.domain_count;
  out += static_cast<char>(flags);
  out += static_cast<char>(static_cast<int>(fp.label) | (domains << 4));
  put64(out, fp.exact_hash);
  put64(out, fp.skeleton_hash);
  put64(out, fp.identity);
  if (fp.has_time) put64(out, static_cast<uint64_t>(fp.time));
  if (flags & kOwnSeen) put64(out, static_cast<uint64_t>(seen));
  if (fp.shingles > 0) {
    const int s = fp.shingles > 0xffff ? 0xffff : fp.shingles;
    out += static_cast<char>(s & 0xff);
    out += static_cast<char>(s >> 8);
    for (int i = 0; i < Features::kMinHashes; ++i) put32(out, fp.minhash[i]);
  }
  if (fp.last_tag != 0) put64(out, fp.last_tag);
  for (int i = 0; i < domains; ++i) put64(out, fp.domains[i]);
  if (comment) put64(out, fp.author_hash);
  into.append(out.bytes, out.n);
}

class Reader {
 public:
  explicit Reader(const std::string& bytes) : p_(bytes) {}
  bool done() const { return at_ == p_.size(); }
  bool u8(uint8_t* v) {
    if (at_ + 1 > p_.size()) return false;
    *v = static_cast<uint8_t>(p_[at_++]);
    return true;
  }
  bool u64(uint64_t* v) {
    if (at_ + 8 > p_.size()) return false;
    uint64_t x = 0;
    for (int i = 0; i < 8; ++i) x |= static_cast<uint64_t>(static_cast<uint8_t>(p_[at_ + i])) << (8 * i);
    at_ += 8;
    *v = x;
    return true;
  }
  bool u32(uint32_t* v) {
    if (at_ + 4 > p_.size()) return false;
    uint32_t x = 0;
    for (int i = 0; i < 4; ++i) x |= static_cast<uint32_t>(static_cast<uint8_t>(p_[at_ + i])) << (8 * i);
    at_ += 4;
    *v = x;
    return true;
  }

 private:
  const std::string& p_;
  size_t at_ = 0;
};

// One record; false when it is cut short or out of range.
bool get_record(Reader& r, Fingerprint* out, bool comment) {
  Fingerprint fp;
  uint8_t flags = 0, packed = 0;
  if (!r.u8(&flags) || !r.u8(&packed)) return false;
  const int label = packed & 0x0f, domains = packed >> 4;
  if (label > static_cast<int>(Label::Neutral) || domains > 2) return false;
  fp.label = static_cast<Label>(label);
  fp.has_time = flags & kHasTime;
  fp.has_link = flags & kHasLink;
  fp.link_only = flags & kLinkOnly;
  fp.title_like = flags & kTitleLike;
  fp.reply = flags & kReply;
  if (!r.u64(&fp.exact_hash) || !r.u64(&fp.skeleton_hash) || !r.u64(&fp.identity)) return false;
  uint64_t v = 0;
  if (fp.has_time) {
    if (!r.u64(&v)) return false;
    fp.time = static_cast<int64_t>(v);
  }
  if (flags & kOwnSeen) {
    if (!r.u64(&v)) return false;
    fp.seen = static_cast<int64_t>(v);
  } else {
    fp.seen = fp.time;
  }
  if (flags & kHasMinhash) {
    uint8_t lo = 0, hi = 0;
    if (!r.u8(&lo) || !r.u8(&hi)) return false;
    fp.shingles = lo | (hi << 8);
    if (fp.shingles == 0) return false;
    for (int i = 0; i < Features::kMinHashes; ++i)
      if (!r.u32(&fp.minhash[i])) return false;
  }
  if (flags & kHasTag) {
    if (!r.u64(&fp.last_tag) || fp.last_tag == 0) return false;
  }
  fp.domain_count = domains;
  for (int i = 0; i < domains; ++i)
    if (!r.u64(&fp.domains[i])) return false;
  if (comment && !r.u64(&fp.author_hash)) return false;
  fp.remembered = true;
  *out = fp;
  return true;
}

// ---- base64 (standard alphabet, padded) ----------------------------------------------------
constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void base64(std::string_view in, std::string& text) {
  size_t at = text.size();
  text.resize(at + (in.size() + 2) / 3 * 4);
  char* out = &text[0];
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const uint32_t n = (static_cast<uint8_t>(in[i]) << 16) | (static_cast<uint8_t>(in[i + 1]) << 8) |
                       static_cast<uint8_t>(in[i + 2]);
    out[at++] = kB64[n >> 18];
    out[at++] = kB64[(n >> 12) & 63];
    out[at++] = kB64[(n >> 6) & 63];
    out[at++] = kB64[n & 63];
  }
  if (i + 1 == in.size()) {
    const uint32_t n = static_cast<uint8_t>(in[i]) << 16;
    out[at++] = kB64[n >> 18];
    out[at++] = kB64[(n >> 12) & 63];
    out[at++] = '=';
    out[at++] = '=';
  } else if (i + 2 == in.size()) {
    const uint32_t n = (static_cast<uint8_t>(in[i]) << 16) | (static_cast<uint8_t>(in[i + 1]) << 8);
    out[at++] = kB64[n >> 18];
    out[at++] = kB64[(n >> 12) & 63];
    out[at++] = kB64[(n >> 6) & 63];
    out[at++] = '=';
  }
}

size_t base64_size(size_t bytes) { return (bytes + 2) / 3 * 4; }

// Each character's 6-bit value, 64 for any other byte.
struct Base64Table {
  uint8_t value[256];
  constexpr Base64Table() : value() {
    for (int i = 0; i < 256; ++i) value[i] = 64;
    for (int i = 0; i < 64; ++i) value[static_cast<uint8_t>(kB64[i])] = static_cast<uint8_t>(i);
  }
};
constexpr Base64Table kB64Values;

bool unbase64(std::string_view in, std::string* text) {
  text->clear();
  if (in.size() % 4 != 0) return false;
  const size_t full = in.empty() ? 0 : in.size() - 4;  // the last group may be padded
  text->resize(in.size() / 4 * 3);
  char* out = &(*text)[0];
  const unsigned char* p = reinterpret_cast<const unsigned char*>(in.data());
  const uint8_t* v = kB64Values.value;
  size_t at = 0;
  for (size_t i = 0; i < full; i += 4) {
    const uint32_t a = v[p[i]], b = v[p[i + 1]], c = v[p[i + 2]], d = v[p[i + 3]];
    if ((a | b | c | d) & 64) return false;
    const uint32_t n = (a << 18) | (b << 12) | (c << 6) | d;
    out[at++] = static_cast<char>(n >> 16);
    out[at++] = static_cast<char>((n >> 8) & 0xff);
    out[at++] = static_cast<char>(n & 0xff);
  }
  if (!in.empty()) {
    const size_t i = full;
    const int pad = (p[i + 3] == '=') + (p[i + 2] == '=' && p[i + 3] == '=');
    uint32_t g[4] = {0, 0, 0, 0};
    for (int k = 0; k < 4 - pad; ++k)
      if ((g[k] = v[p[i + static_cast<size_t>(k)]]) & 64) return false;
    const uint32_t n = (g[0] << 18) | (g[1] << 12) | (g[2] << 6) | g[3];
    out[at++] = static_cast<char>(n >> 16);
    if (pad < 2) out[at++] = static_cast<char>((n >> 8) & 0xff);
    if (pad < 1) out[at++] = static_cast<char>(n & 0xff);
    // The unused bits of a padded group must be zero (one text per byte string).
    if ((pad == 1 && (n & 0xff)) || (pad == 2 && (n & 0xffff))) return false;
  }
  text->resize(at);
  return true;
}

// ---- helpers -----------------------------------------------------------------------------
std::string hex16(uint64_t v) {
  static const char* digits = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<size_t>(i)] = digits[v & 15];
  return s;
}

// When the post was seen, as the state writes it: never after `now`; unknown = `now`.
int64_t stamp_of(const Fingerprint& fp, int64_t now) {
  if (fp.seen == 0) return now;
  return fp.seen > now && now > 0 ? now : fp.seen;
}

bool fresh(int64_t stamp, int64_t now) { return now <= 0 || stamp >= now - kStateMaxAgeSeconds; }

bool get_size(const json& j, const char* key, size_t lo, size_t hi, size_t* out, std::string* error) {
  if (!j.contains(key)) return true;
  const json& v = j[key];
  if (!v.is_number_integer() || (v.is_number_integer() && !v.is_number_unsigned() && v.get<int64_t>() < 0) ||
      v.get<uint64_t>() < lo || v.get<uint64_t>() > hi) {
    *error = std::string("options: \"") + key + "\" must be an integer from " + std::to_string(lo) + " to " +
             std::to_string(hi);
    return false;
  }
  *out = static_cast<size_t>(v.get<uint64_t>());
  return true;
}

// ---- the document's own JSON (a fixed layout: written here, read back strictly) -------------
// Appends `s` as a JSON string of ASCII only: '"', '\\' and controls escaped, the rest of
// Unicode as \uXXXX (UTF-16), invalid UTF-8 as U+FFFD.
void put_string(std::string& out, std::string_view s) {
  static const char* digits = "0123456789abcdef";
  auto u = [&](uint32_t c) {
    out += "\\u";
    for (int k = 12; k >= 0; k -= 4) out += digits[(c >> k) & 15];
  };
  out += '"';
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '"' || c == '\\') { out += '\\'; out += static_cast<char>(c); }
      else if (c < 0x20) u(c);
      else out += static_cast<char>(c);
      ++i;
      continue;
    }
    const int n = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    uint32_t cp = n == 4 ? c & 7 : n == 3 ? c & 15 : c & 31;
    bool ok = n > 0 && i + n <= s.size();
    for (int k = 1; ok && k < n; ++k) {
      const unsigned char d = static_cast<unsigned char>(s[i + k]);
      ok = (d & 0xc0) == 0x80;
      cp = (cp << 6) | (d & 0x3f);
    }
    ok = ok && !(n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp < 0xe000))) && !(n == 4 && (cp < 0x10000 || cp > 0x10ffff));
    if (!ok) { u(0xfffd); ++i; continue; }
    if (cp >= 0x10000) {
      u(0xd800 + ((cp - 0x10000) >> 10));
      u(0xdc00 + ((cp - 0x10000) & 0x3ff));
    } else {
      u(cp);
    }
    i += static_cast<size_t>(n);
  }
  out += '"';
}

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool literal(std::string_view t) {
    if (s_.substr(at_, t.size()) != t) return false;
    at_ += t.size();
    return true;
  }
  bool peek(char c) const { return at_ < s_.size() && s_[at_] == c; }
  bool end() const { return at_ == s_.size(); }
  // A non-negative integer without leading zeros, at most 18 digits.
  bool integer(uint64_t* v) {
    size_t n = 0;
    uint64_t x = 0;
    while (at_ + n < s_.size() && is_ascii_digit(static_cast<unsigned char>(s_[at_ + n])) && n < 19)
      x = x * 10 + static_cast<uint64_t>(s_[at_ + n++] - '0');
    if (n == 0 || n > 18 || (n > 1 && s_[at_] == '0')) return false;
    at_ += n;
    *v = x;
    return true;
  }
  // A JSON string of printable ASCII and escapes (what put_string writes), decoded to UTF-8.
  bool string(std::string* out, size_t max_bytes) {
    out->clear();
    if (!literal("\"")) return false;
    while (at_ < s_.size()) {
      const unsigned char c = static_cast<unsigned char>(s_[at_++]);
      if (c == '"') return true;
      if (c < 0x20 || c >= 0x80) return false;
      if (out->size() > max_bytes) return false;
      if (c != '\\') { out->push_back(static_cast<char>(c)); continue; }
      if (at_ >= s_.size()) return false;
      const char e = s_[at_++];
      switch (e) {
        case '"': case '\\': case '/': out->push_back(e); continue;
        case 'b': out->push_back('\b'); continue;
        case 'f': out->push_back('\f'); continue;
        case 'n': out->push_back('\n'); continue;
        case 'r': out->push_back('\r'); continue;
        case 't': out->push_back('\t'); continue;
        case 'u': break;
        default: return false;
      }
      uint32_t cp = 0;
      if (!hex4(&cp)) return false;
      if (cp >= 0xdc00 && cp < 0xe000) return false;
      if (cp >= 0xd800 && cp < 0xdc00) {
        uint32_t lo = 0;
        if (!literal("\\u") || !hex4(&lo) || lo < 0xdc00 || lo >= 0xe000) return false;
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
      }
      if (cp == 0) return false;
      if (cp < 0x80) {
        out->push_back(static_cast<char>(cp));
      } else if (cp < 0x800) {
        out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
      } else if (cp < 0x10000) {
        out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
      } else {
        out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
      }
    }
    return false;
  }
  // A string of base64 characters (checked when decoded).
  bool base64_text(std::string_view* out) {
    if (!literal("\"")) return false;
    const size_t from = at_;
    while (at_ < s_.size() && s_[at_] != '"') ++at_;
    if (at_ >= s_.size()) return false;
    *out = s_.substr(from, at_ - from);
    ++at_;
    return true;
  }

 private:
  bool hex4(uint32_t* v) {
    if (at_ + 4 > s_.size()) return false;
    uint32_t x = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[at_ + static_cast<size_t>(k)];
      const int d = is_ascii_digit(static_cast<unsigned char>(c)) ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
      if (d < 0) return false;
      x = (x << 4) | static_cast<uint32_t>(d);
    }
    at_ += 4;
    *v = x;
    return true;
  }
  std::string_view s_;
  size_t at_ = 0;
};

}  // namespace

std::string parse_state_options(std::string_view text, bool import, StateOptions* out) {
  StateOptions o;
  if (import) o.max_bytes = kStateHardBytes;
  if (text.find_first_not_of(" \t\r\n") != std::string_view::npos) {
    json j;
    try {
      j = parse_json(text, "options");
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    if (!j.is_object()) return "options: not a JSON object";
    std::string error;
    if (j.contains("now")) {
      const json& v = j["now"];
      if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 253402300799.0)
        return "options: \"now\" must be a time in seconds since 1970";
      o.now = static_cast<int64_t>(v.get<double>());
    }
    if (!get_size(j, "max_authors", 0, 1000000, &o.max_authors, &error) ||
        !get_size(j, "max_posts_per_author", 1, kStateMaxPosts, &o.max_posts, &error) ||
        !get_size(j, "max_comments", 0, 100000, &o.max_comments, &error) ||
        !get_size(j, "max_bytes", kMinBytes, kStateHardBytes, &o.max_bytes, &error))
      return error;
    if (j.contains("merge")) {
      if (!j["merge"].is_boolean()) return "options: \"merge\" must be true or false";
      o.merge = j["merge"].get<bool>();
    }
  }
  *out = o;
  return "";
}

std::string export_state(const ContextStore& store, const StateOptions& options) {
  const int64_t now = options.now > 0 ? options.now : store.clock();
  const size_t budget = options.max_bytes < kMinBytes ? kMinBytes : options.max_bytes;

  // The comments (cross-author, P17): the newest, at most a quarter of the budget.
  const CommentRing& ring = store.comments();
  std::vector<const Fingerprint*> comments;  // newest first
  std::vector<int64_t> comment_stamps;
  for (size_t i = 0; i < ring.size() && comments.size() < options.max_comments; ++i) {
    const Fingerprint& fp = ring.recent(i);
    const int64_t s = stamp_of(fp, now);
    if (!fresh(s, now)) continue;
    comments.push_back(&fp);
    comment_stamps.push_back(s);
  }
  std::string raw;
  for (;;) {
    raw.clear();
    for (size_t i = comments.size(); i-- > 0;) put_record(raw, *comments[i], comment_stamps[i], true);
    if (comments.empty() || base64_size(raw.size()) <= budget / 4) break;
    comments.resize(comments.size() * 3 / 4);
    comment_stamps.resize(comments.size());
  }
  std::string comments_part = R"(],"comments":")";
  base64(raw, comments_part);
  comments_part += '"';

  std::string out(kMagic);
  out += std::to_string(kStateVersion);
  out += R"(,"now":)";
  out += std::to_string(now);
  out += R"(,"authors":[)";
  size_t written = 0;
  std::string member;
  for (const ContextStore::Entry& e : store.authors()) {
    if (written >= options.max_authors) break;
    const History& h = e.history;
    const size_t n = h.size() < options.max_posts ? h.size() : options.max_posts;
    raw.clear();
    size_t kept = 0;
    for (size_t i = n; i-- > 0;) {  // oldest first
      const Fingerprint& fp = h.recent(i);
      const int64_t s = stamp_of(fp, now);
      if (!fresh(s, now)) continue;
      put_record(raw, fp, s, false);
      ++kept;
    }
    if (kept == 0) continue;  // everything it knew has expired
    member.clear();
    if (written) member += ',';
    member += R"({"key":)";
    put_string(member, e.key);
    member += R"(,"total":)";
    member += std::to_string(h.total_seen() > kept ? h.total_seen() : kept);
    member += R"(,"posts":")";
    base64(raw, member);
    member += "\"}";
    // LRU order: an author that does not fit ends the list (the rest are older still).
    if (out.size() + member.size() + comments_part.size() + kTail > budget) break;
    out += member;
    ++written;
  }
  out += comments_part;
  const uint64_t sum = fnv1a(out);
  out += kChecksumKey;
  out += hex16(sum);
  out += "\"}";
  return out;
}

StateImport import_state(ContextStore& store, std::string_view doc, const StateOptions& options) {
  StateImport result;
  auto fail = [&](std::string message) {
    result = StateImport();
    result.error = std::move(message);
    return result;
  };
  if (doc.size() > options.max_bytes)
    return fail("the state is " + std::to_string(doc.size()) + " bytes, more than the limit of " +
                std::to_string(options.max_bytes));
  if (doc.substr(0, kMagic.size()) != kMagic)
    return fail(doc.empty() ? "the state is empty" : "not a Notwork author-memory state (foreign or corrupt)");
  {
    size_t i = kMagic.size();
    uint64_t version = 0;
    bool digits = false;
    while (i < doc.size() && is_ascii_digit(static_cast<unsigned char>(doc[i])) && version < 1000000) {
      version = version * 10 + static_cast<uint64_t>(doc[i++] - '0');
      digits = true;
    }
    if (!digits) return fail("not a Notwork author-memory state (no version)");
    if (version != static_cast<uint64_t>(kStateVersion))
      return fail("state version " + std::to_string(version) + " is not supported (this build reads version " +
                  std::to_string(kStateVersion) + ")");
  }
  if (doc.size() < kMagic.size() + kTail || doc.substr(doc.size() - kTail, kChecksumKey.size()) != kChecksumKey ||
      doc.substr(doc.size() - 2) != "\"}")
    return fail("the state is truncated or corrupt (no checksum at its end)");
  const std::string_view body = doc.substr(0, doc.size() - kTail);
  if (hex16(fnv1a(body)) != doc.substr(doc.size() - 18, 16))
    return fail("the state is corrupt or truncated (checksum mismatch)");

  // The fixed layout, read strictly (the magic and version were checked above).
  Scanner in(body);
  const char* shape = "the state is corrupt (unexpected structure)";
  uint64_t value = 0;
  if (!in.literal(kMagic) || !in.integer(&value) || !in.literal(R"(,"now":)") || !in.integer(&value))
    return fail(shape);
  const int64_t doc_now = static_cast<int64_t>(value);
  // Replacing: the document's own time (the session's clock goes with its context); merging:
  // the later of the two.
  const int64_t now = options.now > 0 ? options.now
                      : options.merge && store.clock() > doc_now ? store.clock() : doc_now;
  if (!in.literal(R"(,"authors":[)")) return fail(shape);

  std::list<ContextStore::Entry> authors;
  std::vector<std::string> keys;
  std::string raw, key;
  std::string_view text;
  std::vector<Fingerprint> posts;
  const size_t max_authors = options.max_authors < store.max_authors() ? options.max_authors : store.max_authors();
  while (!in.peek(']')) {
    if (!keys.empty() && !in.literal(",")) return fail(shape);
    uint64_t total = 0;
    if (!in.literal(R"({"key":)") || !in.string(&key, kMaxKeyBytes) || !in.literal(R"(,"total":)") ||
        !in.integer(&total) || !in.literal(R"(,"posts":)") || !in.base64_text(&text) || !in.literal("}"))
      return fail(shape);
    if (key.empty() || key.size() > kMaxKeyBytes) return fail("the state is corrupt (an author's key)");
    if (keys.size() >= 1000000) return fail("the state is oversized (too many authors)");
    if (!unbase64(text, &raw)) return fail("the state is corrupt (an author's posts are not base64)");
    posts.clear();
    Reader r(raw);
    while (!r.done()) {
      Fingerprint fp;
      if (!get_record(r, &fp, false)) return fail("the state is corrupt (a post record is cut short or out of range)");
      if (posts.size() >= kStateMaxPosts) return fail("the state is oversized (too many posts for one author)");
      posts.push_back(fp);
    }
    if (posts.empty()) return fail("the state is corrupt (an author without posts)");
    const uint64_t author_hash = fnv1a(key);
    std::vector<Fingerprint> keep;
    for (Fingerprint& fp : posts) {
      if (!fresh(fp.seen, now)) { ++result.expired; continue; }
      fp.author_hash = author_hash;
      keep.push_back(fp);
    }
    keys.push_back(key);
    if (keep.empty() || authors.size() >= max_authors) continue;
    ContextStore::Entry e{key, History(store.max_posts())};
    e.history.assign(keep, total);
    result.posts += e.history.size();
    authors.push_back(std::move(e));
  }
  if (!in.literal(R"(],"comments":)") || !in.base64_text(&text) || !in.end()) return fail(shape);
  {
    std::vector<std::string> sorted = keys;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
      return fail("the state is corrupt (an author appears twice)");
  }
  if (!unbase64(text, &raw))
    return fail("the state is corrupt (the comments are not base64)");
  std::vector<Fingerprint> comments;
  {
    Reader r(raw);
    while (!r.done()) {
      Fingerprint fp;
      if (!get_record(r, &fp, true)) return fail("the state is corrupt (a comment record is cut short or out of range)");
      if (comments.size() >= 100000) return fail("the state is oversized (too many comments)");
      if (fresh(fp.seen, now)) comments.push_back(fp);
      else ++result.expired;
    }
  }
  // Everything checked: only now is the store changed.
  result.authors = authors.size();
  result.comments = comments.size() < store.max_comments() ? comments.size() : store.max_comments();
  store.load(std::move(authors), comments, options.now > 0 ? options.now : doc_now, options.merge);
  return result;
}

}  // namespace notwork
