// Bounded per-author context: LRU eviction, ring capacity, anonymous posts.
#include <catch2/catch.hpp>

#include "helpers.h"

using namespace test;

TEST_CASE("context: the number of authors stays bounded (LRU)", "[context]") {
  test::RuleEngine e;
  notwork::Config c = test::hand_config();
  c.max_authors = 10;
  c.max_posts_per_author = 4;
  e.apply(c);
  for (int i = 0; i < 100; ++i) e.score(post("hello number " + std::to_string(i), "user" + std::to_string(i)));
  CHECK(e.context().author_count() == 10);
  // The least recently used author was evicted; the most recent ones are kept.
  CHECK(e.context().find(notwork::author_key(post("x", "user99"))) != nullptr);
  CHECK(e.context().find(notwork::author_key(post("x", "user0"))) == nullptr);
}

TEST_CASE("context: an author's ring keeps only the most recent posts", "[context]") {
  test::RuleEngine e;
  notwork::Config c = test::hand_config();
  c.max_posts_per_author = 4;
  e.apply(c);
  for (int i = 0; i < 50; ++i) e.score(post("note " + std::to_string(i), "dora"));
  const notwork::History* h = e.context().find(notwork::author_key(post("x", "dora")));
  REQUIRE(h != nullptr);
  CHECK(h->size() == 4);
  CHECK(h->total_seen() == 50);
}

TEST_CASE("context: a duplicate older than the ring is forgotten", "[context]") {
  test::RuleEngine e;
  notwork::Config c = test::hand_config();
  c.max_posts_per_author = 3;
  e.apply(c);
  const std::string spam = "Visit the grand opening of our store this weekend downtown";
  e.score(post(spam));
  for (int i = 0; i < 5; ++i) e.score(post("different thought number " + std::to_string(i * 7919)));
  // P8 reads the composer's draft against the author's posts.
  const notwork::Post draft = post(spam, "alice", notwork::Kind::Draft);
  CHECK_FALSE(fired(e.score(draft), "P8.near_duplicate"));
  e.score(post(spam));
  CHECK(fired(e.score(draft), "P8.near_duplicate"));
}

TEST_CASE("context: one post met twice on a page is one post of its author", "[context]") {
  // A repost beside its original, or a post the page renders again, carries the same id.
  test::RuleEngine e;
  auto with_id = [](const std::string& text, const std::string& id) {
    notwork::Post p = post(text, "feed");
    p.id = id;
    return p;
  };
  e.score(with_id("Council approves the new budget for schools", "1"));
  e.score(with_id("Storm expected to reach the coast on Friday", "2"));
  const notwork::Result first = e.score(with_id("Local team wins the regional final", "3"));
  const notwork::Result again = e.score(with_id("Local team wins the regional final", "3"));
  const notwork::History* h = e.context().find(notwork::author_key(post("x", "feed")));
  REQUIRE(h != nullptr);
  CHECK(h->size() == 3);
  CHECK(h->total_seen() == 3);
  // Judged against the same history as the first time: not against a copy of itself.
  CHECK(again.label == first.label);
  CHECK(again.scores[0] == first.scores[0]);
  CHECK(again.reasons.size() == first.reasons.size());
  // The same words under another id are another post.
  e.score(with_id("Local team wins the regional final", "4"));
  CHECK(h->size() == 4);
}

TEST_CASE("context: posts without an author skip per-author rules", "[context]") {
  test::RuleEngine e;
  notwork::Post p;
  p.text = "Buy cheap watches here today, best price guaranteed";
  e.score(p);
  p.kind = notwork::Kind::Draft;
  CHECK_FALSE(fired(e.score(p), "P8.near_duplicate"));
  CHECK(e.context().author_count() == 0);
}

TEST_CASE("context: reset forgets everything", "[context]") {
  test::RuleEngine e;
  e.score(post("Same words again and again in this post"));
  e.reset_context();
  CHECK(e.context().author_count() == 0);
  CHECK_FALSE(fired(e.score(post("Same words again and again in this post", "alice", notwork::Kind::Draft)), "P8.near_duplicate"));
}

TEST_CASE("context: near-duplicate comments are found through the ring's index, and forgotten with it", "[context]") {
  test::RuleEngine e;
  notwork::Config c = test::hand_config();
  c.max_comments = 3;
  e.apply(c);
  const std::string spam = "hey everyone please check out my new channel for great music videos every week";
  e.score(comment(spam, "Spammer One"));
  // Reworded a little, under another name: one of the ring's MinHash bands still matches.
  auto again = e.score(comment("hey everyone please check out my new channel for great music videos each week",
                               "Spammer Two"));
  CHECK(fired(again, "P17.cross_author_duplicate"));
  // Three other comments push both out of a ring of three.
  for (int i = 0; i < 3; ++i)
    e.score(comment("a completely different remark about the chorus, number " + std::to_string(i * 7919),
                    "Viewer " + std::to_string(i)));
  CHECK_FALSE(fired(e.score(comment(spam, "Spammer Three")), "P17.cross_author_duplicate"));
  // A smaller ring keeps only the newest comments (and their index entries).
  c.max_comments = 1;
  e.apply(c);
  CHECK(fired(e.score(comment(spam, "Spammer Four")), "P17.cross_author_duplicate"));
  CHECK_FALSE(fired(e.score(comment("a completely different remark about the chorus, number 0", "Viewer 9")),
                    "P17.cross_author_duplicate"));
}
