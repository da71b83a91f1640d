// Evidence for genuine_share / conversation (P16) and the remaining broadcast rules (P4, P8,
// P9, P11, P12).
#include <catch2/catch.hpp>

#include "helpers.h"

using notwork::Kind;
using notwork::Label;
using namespace test;

TEST_CASE("P16.credit and P16.own_take make a genuine share", "[rules][P16]") {
  auto r = once(post("Great piece by @jane on cache invalidation, worth reading because it explains the tradeoffs https://janes.blog/caching"));
  CHECK(fired(r, "P16.credit"));
  CHECK(fired(r, "P16.own_take"));
  CHECK(r.label == Label::GenuineShare);
  // Feed services in "via @x" are not people to credit.
  CHECK_FALSE(fired(once(post("Ten tips https://x.example via @bufferapp")), "P16.credit"));
  // Without a link to someone else's work there is nothing shared.
  CHECK_FALSE(fired(once(post("Because it rained we stayed home and played chess all day")), "P16.own_take"));
}

TEST_CASE("P16.question / reply / thanks are conversation", "[rules][P16]") {
  auto q = once(post("Does anyone know how to get RE2 working with Emscripten?"));
  CHECK(fired(q, "P16.question"));
  CHECK(contribution(q, "P16.question", Label::PurePromo) < 0);  // a real question lowers promo
  auto reply = post("@bob that is exactly what I needed, thank you so much");
  auto r = once(reply);
  CHECK(fired(r, "P16.reply"));
  CHECK(fired(r, "P16.thanks"));
  CHECK(r.label == Label::Conversation);
  CHECK_FALSE(fired(once(post("Thanks for following! Check my site")), "P16.thanks"));
  CHECK_FALSE(fired(once(post("The river was calm this morning")), "P16.question"));
}

TEST_CASE("P4.unread_share: drafts sharing unopened links", "[rules][P4]") {
  auto d = post("This is great! https://example.com/article", "me", Kind::Draft);
  d.unopened_links = {"https://example.com/article"};
  auto r = once(d);
  CHECK(fired(r, "P4.unread_share"));
  CHECK(contribution(r, "P4.unread_share", Label::GenuineShare) < 0);
  auto opened = post("This is great! https://example.com/article", "me", Kind::Draft);
  CHECK_FALSE(fired(once(opened), "P4.unread_share"));
  // Only drafts are nudged: the same post in a timeline is not known to be unread.
  auto timeline = post("This is great! https://example.com/article");
  timeline.unopened_links = {"https://example.com/article"};
  CHECK_FALSE(fired(once(timeline), "P4.unread_share"));
}

TEST_CASE("P8.near_duplicate: a draft that repeats one of your posts", "[rules][P8][context]") {
  using notwork::Kind;
  test::RuleEngine e;
  e.score(post("Win a free cruise today, reply with your email to enter the draw now"));
  auto r = e.score(post("Win a FREE cruise today! Reply with your email to enter the draw now!!", "alice", Kind::Draft));
  CHECK(fired(r, "P8.near_duplicate"));
  auto other = e.score(post("Win a free cruise today, reply with your email to enter the draw now", "bob", Kind::Draft));
  CHECK_FALSE(fired(other, "P8.near_duplicate"));  // another author's draft
  auto different = e.score(post("Walking the dog before the rain starts, then soup", "alice", Kind::Draft));
  CHECK_FALSE(fired(different, "P8.near_duplicate"));
  // On a timeline a repeat is the audit's business (its P8 item), not a badge.
  CHECK_FALSE(fired(e.score(post("Win a FREE cruise today! Reply with your email to enter the draw now!!")), "P8.near_duplicate"));
}

TEST_CASE("P9.burst: many headlines within an hour", "[rules][P9][context]") {
  test::RuleEngine e;
  notwork::Result r;
  for (int i = 0; i < 8; ++i) {
    char ts[32];
    std::snprintf(ts, sizeof ts, "2024-05-01 10:%02d:00", i * 5);
    r = e.score(at(post("Council approves budget item " + std::to_string(i) + " for the new parks https://t.co/x" + std::to_string(i)), ts));
  }
  CHECK(fired(r, "P9.burst"));
  CHECK(r.reasons.size() > 0);
  // A person live-posting a match in a burst is not flooding: no headlines.
  test::RuleEngine live;
  for (int i = 0; i < 8; ++i) {
    char ts[32];
    std::snprintf(ts, sizeof ts, "2024-05-01 10:%02d:00", i * 5);
    r = live.score(at(post("what a save! I can't believe it, " + std::to_string(i) + " nil"), ts));
  }
  CHECK_FALSE(fired(r, "P9.burst"));
  // Spread out over days: no burst.
  test::RuleEngine f;
  for (int i = 0; i < 8; ++i) {
    char ts[32];
    std::snprintf(ts, sizeof ts, "2024-05-%02d 10:00:00", i + 1);
    r = f.score(at(post("Council approves budget item " + std::to_string(i) + " for the new parks https://t.co/x" + std::to_string(i)), ts));
  }
  CHECK_FALSE(fired(r, "P9.burst"));
}

TEST_CASE("P11.cross_post and P11.hashtag_stack: drafts that leak another network", "[rules][P11]") {
  using notwork::Kind;
  auto li = post("RT @someone: great thread on hiring", "alice", Kind::Draft);
  li.site = "linkedin";
  CHECK(fired(once(li), "P11.cross_post"));
  CHECK(fired(once(post("Our new office is open #fb", "alice", Kind::Draft)), "P11.cross_post"));
  CHECK_FALSE(fired(once(post("RT @someone: great thread on hiring", "alice", Kind::Draft)), "P11.cross_post"));  // native RT
  CHECK(fired(once(post("Sale #shoes #fashion #style #ootd #deals #shopping", "alice", Kind::Draft)), "P11.hashtag_stack"));
  CHECK_FALSE(fired(once(post("Lovely evening at the lake with friends #summer", "alice", Kind::Draft)), "P11.hashtag_stack"));
  // A habit to point out to the writer: a post on a timeline is not judged by it.
  CHECK_FALSE(fired(once(post("Our new office is open #fb")), "P11.cross_post"));
  CHECK_FALSE(fired(once(post("Sale #shoes #fashion #style #ootd #deals #shopping")), "P11.hashtag_stack"));
}

TEST_CASE("P12.link_only: a bare link under someone else's post", "[rules][P12]") {
  CHECK(fired(once(comment("https://example.com/x")), "P12.link_only"));
  CHECK(fired(once(post("https://example.com/x", "x", notwork::Kind::Dm)), "P12.link_only"));
  CHECK_FALSE(fired(once(comment("Here is the recipe I promised you all https://example.com/x")), "P12.link_only"));
  // A bare link on one's own timeline (a photo, a check-in) is no evidence of anything.
  CHECK_FALSE(fired(once(post("https://example.com/x")), "P12.link_only"));
}

TEST_CASE("P8 + P17: a follower-growth pitch with a rhetorical question is pure promotion", "[rules][P8][P16]") {
  const std::string pitch = "Want 10,000 followers FAST? Check out my free course, link in bio! Follow me and RT!!!";
  auto r = once(post(pitch, "growthguru"));
  CHECK(r.label == Label::PurePromo);
  CHECK(fired(r, "P8.follower_fad"));
  CHECK(fired(r, "P17.channel_plug"));
  CHECK_FALSE(fired(r, "P16.question"));  // rhetorical: it opens a plug
  auto reply = post(pitch, "growthguru");
  reply.is_reply = true;
  CHECK(once(reply).label == Label::PurePromo);
  // A real question is conversation, in a post or a comment.
  CHECK(once(post("Question for people who run small newsletters: how do you thank readers who send you links?", "lena")).label ==
        Label::Conversation);
  CHECK(once(comment("What microphone do you use for the voice over? It sounds really warm.")).label == Label::Conversation);
}

TEST_CASE("drafts are scored against the author's history but never added to it", "[engine][context]") {
  test::RuleEngine e;
  const std::string text = "Our spring sale starts today, everything 20% off at the shop";
  e.score(post(text, "me"));
  // The draft repeats a real post: that is seen (P8), as a nudge would need.
  auto draft = e.score(post(text, "me", notwork::Kind::Draft));
  CHECK(fired(draft, "P8.near_duplicate"));
  const notwork::History* h = e.context().find(notwork::author_key(post("x", "me")));
  REQUIRE(h != nullptr);
  CHECK(h->total_seen() == 1);
  // Re-scoring an unfinished draft on every pause never makes it "repeated".
  test::RuleEngine f;
  for (int i = 0; i < 5; ++i) {
    auto typing = f.score(post("Thinking about writing up what I learned this week", "me", notwork::Kind::Draft));
    CHECK_FALSE(fired(typing, "P8.near_duplicate"));
  }
  CHECK(f.context().find(notwork::author_key(post("x", "me"))) == nullptr);
  // Once posted, it is part of the history like any post.
  f.score(post("Thinking about writing up what I learned this week", "me"));
  CHECK(fired(f.score(post("Thinking about writing up what I learned this week", "me", notwork::Kind::Draft)), "P8.near_duplicate"));
}
