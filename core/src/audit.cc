// Account audit over one author's posts (fresh context). Figures per principle, label mix,
// activity per day, a score 0-100 with its breakdown, three suggestions. Deterministic:
// ordered containers only, +,-,*,/ only, values rounded to 4 decimals.
#include "notwork/audit.h"

#include <algorithm>
#include <map>
#include <set>

#include "json_io.h"
#include "notwork/engine.h"
#include "rules/rule.h"
#include "util.h"

namespace notwork {

using nlohmann::json;

namespace {

json ratio_or_null(double num, double den) {
  if (den <= 0) return nullptr;
  return round4(num / den);
}

std::string lower_handle(std::string s) {
  s = ascii_lower(s);
  if (!s.empty() && s[0] == '@') s.erase(0, 1);
  return s;
}

struct Item {
  std::string principle, name;
  int points, max;
  std::string detail;
};

int scaled(int max, double fraction) {  // max * fraction, rounded, clamped to 0..max
  if (fraction < 0) fraction = 0;
  if (fraction > 1) fraction = 1;
  return static_cast<int>(max * fraction + 0.5);
}

std::string pct(double share) { return std::to_string(static_cast<int>(share * 100 + 0.5)) + "%"; }

}  // namespace

std::string audit_json(const std::vector<Post>& all, const Config& config) {
  // The audited author: the most frequent handle (first seen wins ties); posts by others
  // only serve P14 (mentions received).
  std::map<std::string, int> counts;
  std::vector<std::string> order;
  for (const Post& p : all) {
    std::string h = lower_handle(p.author.empty() ? p.author_name : p.author);
    if (counts[h]++ == 0) order.push_back(h);
  }
  std::string me;
  int best = -1;
  for (const std::string& h : order)
    if (counts[h] > best) { best = counts[h]; me = h; }

  Engine engine;
  engine.apply(config);
  struct Scored {
    const Post* post;
    Features f;
    Result r;
  };
  std::vector<Scored> mine;
  std::vector<const Post*> others;
  for (const Post& p : all) {
    std::string h = lower_handle(p.author.empty() ? p.author_name : p.author);
    if (h != me) { others.push_back(&p); continue; }
    Result r = engine.score(p);
    mine.push_back(Scored{&p, extract_features(p), std::move(r)});
  }
  const int n = static_cast<int>(mine.size());

  // P1 broadcast vs conversation; P2 own vs others' links; P8 duplicates; P12 link-only.
  int broadcast = 0, conversation = 0, own_links = 0, other_links = 0, link_only = 0, dups = 0;
  int label_counts[kLabelCount + 1] = {0, 0, 0, 0, 0};
  std::map<std::string, int> domain_posts;  // for the recurring "own" domain
  for (const Scored& s : mine) {
    for (const Link& l : s.f.links)
      if (!l.shortener && !l.domain.empty()) { ++domain_posts[l.domain]; break; }
  }
  std::string top_domain;
  int top = 0, linked_posts = 0;
  for (const auto& [d, c] : domain_posts) {
    linked_posts += c;
    if (c > top) { top = c; top_domain = d; }
  }
  if (!(top >= 3 && top * 2 >= linked_posts)) top_domain.clear();

  std::vector<uint64_t> seen_exact;
  std::vector<const Features*> seen;
  for (const Scored& s : mine) {
    const Features& f = s.f;
    const Post& p = *s.post;
    ++label_counts[static_cast<int>(s.r.label)];
    const bool talk = p.is_reply || f.starts_with_mention || f.questions > 0 ||
                      s.r.label == Label::Conversation;
    const bool cast = !talk && (!f.links.empty() || s.r.label == Label::Autofeed ||
                                s.r.label == Label::PurePromo);
    conversation += talk;
    broadcast += cast;
    for (const Link& l : f.links) {
      if (l.shortener || l.domain.empty()) continue;
      if (rules::link_is_own(l, p) || l.domain == top_domain) ++own_links;
      else ++other_links;
    }
    link_only += f.link_only;
    bool dup = false;
    for (const Features* g : seen) {
      if (f.own_word_count >= 3 &&
          ((f.exact_hash != 0 && g->exact_hash == f.exact_hash) ||
           (f.shingles >= 4 && g->shingles >= 4 && minhash_similarity(f.minhash, g->minhash) >= 0.7))) {
        dup = true;
        break;
      }
    }
    dups += dup;
    if (seen.size() < 4096) seen.push_back(&f);
  }

  // P9 bursts: posts within any 60-minute window.
  std::vector<int64_t> times;
  for (const Scored& s : mine)
    if (s.post->has_time) times.push_back(s.post->time);
  std::sort(times.begin(), times.end());
  int max_per_hour = 0, bursts = 0;
  {
    size_t lo = 0;
    bool in_burst = false;
    for (size_t hi = 0; hi < times.size(); ++hi) {
      while (times[hi] - times[lo] >= 3600) ++lo;  // strictly within an hour
      int w = static_cast<int>(hi - lo + 1);
      max_per_hour = std::max(max_per_hour, w);
      if (w >= 6 && !in_burst) { ++bursts; in_burst = true; }
      if (w < 3) in_burst = false;
    }
  }

  // P14 mentions received (posts by others naming the author) and answered (a later reply
  // by the author to that person).
  int received = 0, answered = 0;
  for (const Post* o : others) {
    Features f = extract_features(*o);
    bool mentions_me = lower_handle(o->reply_to) == me;
    for (const std::string& m : f.mentions) mentions_me = mentions_me || m == me;
    if (!mentions_me || me.empty()) continue;
    ++received;
    const std::string them = lower_handle(o->author.empty() ? o->author_name : o->author);
    for (const Scored& s : mine) {
      if (o->has_time && s.post->has_time && s.post->time < o->time) continue;
      bool to_them = lower_handle(s.post->reply_to) == them;
      if (!to_them && s.f.starts_with_mention)
        for (const std::string& m : s.f.mentions) to_them = to_them || m == them;
      if (to_them && !them.empty()) { ++answered; break; }
    }
  }

  // Score and breakdown.
  const double total = n > 0 ? n : 1;
  const double talk_share = broadcast + conversation > 0
                                ? static_cast<double>(conversation) / (broadcast + conversation)
                                : 1.0;
  const double own_share = own_links + other_links > 0
                               ? static_cast<double>(own_links) / (own_links + other_links)
                               : 0.0;
  const double promo_share = label_counts[static_cast<int>(Label::PurePromo)] / total;
  const double feed_share = label_counts[static_cast<int>(Label::Autofeed)] / total;
  const double dup_share = dups / total;
  const double link_only_share = link_only / total;
  std::vector<Item> items;
  items.push_back({"P1", "Conversation, not broadcast", scaled(20, talk_share / 0.3), 20,
                   std::to_string(conversation) + " conversational posts, " + std::to_string(broadcast) + " broadcasts"});
  const double p2 = std::max(own_share - 0.2, promo_share) / 0.8;
  items.push_back({"P2", "Others' work, not only your own", scaled(15, 1 - p2), 15,
                   pct(own_share) + " of links go to the author's own site; " + pct(promo_share) + " pure promo"});
  items.push_back({"P3", "A person, not a feed", scaled(15, 1 - feed_share / 0.5), 15,
                   pct(feed_share) + " of posts read like an automated feed"});
  items.push_back({"P8", "No repeats", scaled(15, 1 - dup_share / 0.3), 15,
                   std::to_string(dups) + " posts repeat an earlier one"});
  items.push_back({"P9", "Spread out, no floods", scaled(10, 1 - (max_per_hour - 5) / 10.0), 10,
                   "at most " + std::to_string(max_per_hour) + " posts in an hour"});
  items.push_back({"P12", "Words, not only links", scaled(10, 1 - link_only_share / 0.5), 10,
                   pct(link_only_share) + " of posts are bare links"});
  if (received > 0) {
    items.push_back({"P14", "Answers people", scaled(15, static_cast<double>(answered) / received / 0.8), 15,
                     std::to_string(answered) + " of " + std::to_string(received) + " mentions answered"});
  } else {
    items.push_back({"P14", "Answers people", 0, 0, "no mentions of the author in these posts"});
  }
  int points = 0, max = 0;
  for (const Item& i : items) { points += i.points; max += i.max; }
  // P1, one-way broadcasting: an account whose posts nearly all read as a feed or an ad is
  // a broadcast station, however tidy it is otherwise (no repeats, no floods...). The share
  // of such posts beyond 10% scales the other items down, to 30% of their worth at 70%.
  const double flagged_share = promo_share + feed_share;
  double over = (flagged_share - 0.1) / 0.6;
  if (over < 0) over = 0;
  if (over > 1) over = 1;
  const int factor = static_cast<int>(100 - 70 * over + 0.5);  // percent
  const int base = n == 0 ? 0 : (points * 100 + max / 2) / (max > 0 ? max : 1);
  const int score = (base * factor + 50) / 100;
  items.push_back({"P1", "A person, not a broadcast station", factor, 100,
                   pct(flagged_share) + " of posts read as autofeed or pure promo" +
                       (factor < 100 ? ": the other items count for " + std::to_string(factor) + "%"
                                     : "")});

  json breakdown = json::array();
  for (const Item& i : items)
    breakdown.push_back({{"principle", i.principle}, {"name", i.name}, {"points", i.points},
                         {"max", i.max}, {"detail", i.detail}});

  // Suggestions: the principles that lost the most points, most useful first.
  static const std::map<std::string, std::string> kAdvice = {
      {"P1", "Reply to people and ask questions: relationships come from conversation, not broadcasts."},
      {"P2", "Share more of other people's work in your niche, not only links to your own site."},
      {"P3", "Add a line of your own to shared links instead of posting feed titles automatically."},
      {"P8", "Avoid posting the same text or link again and again."},
      {"P9", "Spread posts out instead of publishing many at once."},
      {"P12", "Say something about each link: why it is worth your followers' time."},
      {"P14", "Answer the people who mention you, even briefly."},
  };
  std::vector<const Item*> ranked;
  for (const Item& i : items) ranked.push_back(&i);
  std::stable_sort(ranked.begin(), ranked.end(), [](const Item* a, const Item* b) {
    return (a->max - a->points) > (b->max - b->points);
  });
  json suggestions = json::array();
  std::set<std::string> advised;
  for (const Item* i : ranked) {
    if (suggestions.size() >= 3) break;
    if (!advised.insert(i->principle).second) continue;
    suggestions.push_back({{"principle", i->principle}, {"text", kAdvice.at(i->principle)}});
  }

  json mix = json::object();
  for (int i = 0; i <= kLabelCount; ++i) mix[label_name(static_cast<Label>(i))] = label_counts[i];

  std::map<std::string, std::array<int, kLabelCount + 1>> days;
  for (const Scored& s : mine) {
    if (!s.post->has_time) continue;
    auto& d = days[format_date(s.post->time)];
    ++d[static_cast<int>(s.r.label)];
  }
  json activity = json::array();
  for (const auto& [date, c] : days) {
    json labels = json::object();
    int count = 0;
    for (int i = 0; i <= kLabelCount; ++i) {
      labels[label_name(static_cast<Label>(i))] = c[i];
      count += c[i];
    }
    activity.push_back({{"date", date}, {"count", count}, {"labels", labels}});
  }

  json figures = {
      {"P1", {{"broadcast", broadcast}, {"conversation", conversation},
              {"ratio", ratio_or_null(broadcast, broadcast + conversation)}}},
      {"P2", {{"own_links", own_links}, {"other_links", other_links},
              {"own_share", ratio_or_null(own_links, own_links + other_links)}}},
      {"P8", {{"duplicates", dups}, {"share", ratio_or_null(dups, n)}}},
      {"P9", {{"bursts", bursts}, {"max_per_hour", max_per_hour}}},
      {"P12", {{"link_only", link_only}, {"share", ratio_or_null(link_only, n)}}},
      {"P14", {{"mentions_received", received}, {"answered", answered},
               {"ratio", ratio_or_null(answered, received)}}},
  };
  json report = {{"author", me},
                 {"posts", n},
                 {"score", score},
                 {"breakdown", breakdown},
                 {"figures", figures},
                 {"label_mix", mix},
                 {"activity", activity},
                 {"suggestions", suggestions}};
  return dump(report);
}

}  // namespace notwork
