// Promotion rules: P2, P5, P6, P7, P8 fads, P10, P13, P15.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "run_rule.h"

using notwork::Kind;
using notwork::Label;
using namespace test;

TEST_CASE("P2.own_domain: links to the author's own site", "[rules][P2]") {
  auto p = post("Fresh loaves every Friday https://www.murdev.com/bread", "murdev");
  CHECK(fired(once(p), "P2.own_domain"));
  auto q = post("Fresh loaves every Friday https://shop.example.net/bread", "alice");
  q.author_url = "https://example.net";
  CHECK(fired(once(q), "P2.own_domain"));
  CHECK_FALSE(fired(once(post("Great read https://nytimes.com/x", "murdev")), "P2.own_domain"));
}

TEST_CASE("P2.recurring_domain: the same site in most posts", "[rules][P2][context]") {
  test::RuleEngine e;
  notwork::Result r;
  for (int i = 0; i < 4; ++i)
    r = e.score(post("Post number " + std::to_string(i) + " https://widgets.example.com/p/" +
                     std::to_string(i)));
  CHECK(fired(r, "P2.recurring_domain"));
  notwork::Engine f;
  const char* urls[] = {"https://a.org/1", "https://b.net/2", "https://c.com/3", "https://d.io/4"};
  for (const char* u : urls) r = f.score(post(std::string("Worth a look ") + u));
  CHECK_FALSE(fired(r, "P2.recurring_domain"));
}

TEST_CASE("P2.sales_pitch", "[rules][P2]") {
  auto r = once(post("HUGE SALE! 50% off everything, free shipping, buy now https://shop.example"));
  CHECK(fired(r, "P2.sales_pitch"));
  CHECK(r.label == Label::PurePromo);
  CHECK_FALSE(fired(once(post("We walked along the harbour and watched the boats")), "P2.sales_pitch"));
}

TEST_CASE("P2.reader_pitch: a link handed to the reader in ad copy", "[rules][P2]") {
  // Second person, a link, nobody named, nobody's own voice: advertising copy.
  auto ad = test::run_rule("P2.reader_pitch", post("Take your business to the next level with our toolkit https://x.example/a"));
  CHECK(ad.strength(Label::PurePromo) == Approx(1.0));
  CHECK(test::run_rule("P2.reader_pitch", post("Is your car insurance costing too much? https://tsort.example/q")).fired());
  // The same words in another covered language.
  CHECK(test::run_rule("P2.reader_pitch", post("Scopri come far crescere la tua attività con il nostro corso https://x.example/it")).fired());
  // A person speaking for themselves recommends; it is not ad copy.
  CHECK_FALSE(test::run_rule("P2.reader_pitch", post("I think you will love this recipe https://food.example/r")).fired());
  // A business speaking as "we" to "you" is still ad copy.
  CHECK(test::run_rule("P2.reader_pitch", post("We help you grow your audience https://x.example/k")).fired());
  // Talking to someone by name, replying or re-sharing: conversation, not a pitch.
  CHECK_FALSE(test::run_rule("P2.reader_pitch", post("@sam your talk is up https://x.example/t")).fired());
  auto rt = post("RT @shop: Take your business to the next level https://x.example/a");
  CHECK_FALSE(test::run_rule("P2.reader_pitch", rt).fired());
  auto reply = post("Take your business to the next level https://x.example/a");
  reply.is_reply = true;
  CHECK_FALSE(test::run_rule("P2.reader_pitch", reply).fired());
  // No link, a direct message (P5 reads those), or too few words of its own: nothing.
  CHECK_FALSE(test::run_rule("P2.reader_pitch", post("Take your business to the next level")).fired());
  CHECK_FALSE(test::run_rule("P2.reader_pitch", post("Take your business to the next level https://x.example/a", "x", Kind::Dm)).fired());
  CHECK_FALSE(test::run_rule("P2.reader_pitch", post("your https://x.example/a")).fired());
  // A headline speaks to no one.
  CHECK_FALSE(test::run_rule("P2.reader_pitch", post("Council approves new budget for parks https://t.co/a")).fired());
}

TEST_CASE("P5.promo_dm: promotional direct messages", "[rules][P5]") {
  auto dm = post("Hey! Check out my new course on growth hacking https://course.example", "x", Kind::Dm);
  auto r = once(dm);
  CHECK(fired(r, "P5.promo_dm"));
  CHECK(r.label == Label::PurePromo);
  CHECK_FALSE(fired(once(post("Are we still on for lunch tomorrow?", "x", Kind::Dm)), "P5.promo_dm"));
  // The same words as a public post are not a DM.
  CHECK_FALSE(fired(once(post("Check out my new course https://course.example")), "P5.promo_dm"));
}

TEST_CASE("P6.sponsored", "[rules][P6]") {
  CHECK(fired(once(post("Loving my new running shoes #ad")), "P6.sponsored"));
  CHECK(fired(once(post("Paid partnership with Acme: the best blender")), "P6.sponsored"));
  CHECK_FALSE(fired(once(post("My adventure in the Alps #adventure")), "P6.sponsored"));
  CHECK_FALSE(fired(once(post("Who sponsored the school fair? Thank them!")), "P6.sponsored"));
}

TEST_CASE("P7.affiliate: affiliate links, softened by experience", "[rules][P7]") {
  auto bare = once(post("Best blender ever https://www.amazon.com/dp/B000?tag=deals-20"));
  CHECK(fired(bare, "P7.affiliate"));
  auto used = once(post("I've used this blender daily for two years https://www.amazon.com/dp/B000?tag=deals-20"));
  CHECK(contribution(used, "P7.affiliate", Label::PurePromo) <
        contribution(bare, "P7.affiliate", Label::PurePromo));
  CHECK_FALSE(fired(once(post("Blender review https://www.example.com/blenders")), "P7.affiliate"));
  // The reason names the link once: the host, and the query or path that marks it.
  auto host = test::run_rule("P7.affiliate", post("Best XBOX points here http://amzn.to/9a1NUz"));
  CHECK(host.details() == "affiliate link \u201camzn.to\u201d");
  CHECK(test::run_rule("P7.affiliate", post("Best blender ever https://www.amazon.com/dp/B000?tag=deals-20")).says("amazon.com ?tag="));
}

TEST_CASE("P8.follower_fad", "[rules][P8]") {
  CHECK(fired(once(post("Get 1000 followers fast! #teamfollowback")), "P8.follower_fad"));
  CHECK(fired(once(post("Follow 4 Follow, Like 4 Like")), "P8.follower_fad"));
  CHECK_FALSE(fired(once(post("Thanks to my followers for the book tips")), "P8.follower_fad"));
}

TEST_CASE("P10.vain_reshare", "[rules][P10]") {
  auto p = post("RT @fan: Best talk of the day was by @alice, so inspiring", "alice");
  CHECK(fired(once(p), "P10.vain_reshare"));
  auto q = post("RT @fan: Best talk of the day was by @bob, so inspiring", "alice");
  CHECK_FALSE(fired(once(q), "P10.vain_reshare"));
  auto quote = post("So kind! Best talk of the day by @alice", "alice");
  quote.quoted_author = "fan";
  CHECK(fired(once(quote), "P10.vain_reshare"));
}

TEST_CASE("P13.default_invitation", "[rules][P13]") {
  auto inv = post("I'd like to add you to my professional network on LinkedIn.", "x", Kind::Invitation);
  CHECK(fired(once(inv), "P13.default_invitation"));
  CHECK(once(inv).label == Label::Autofeed);
  auto empty = post("", "x", Kind::Invitation);
  CHECK(fired(once(empty), "P13.default_invitation"));
  auto personal = post("Hi Sam, we met at the Rust meetup last week and talked about parsers. Let's connect!",
                       "x", Kind::Invitation);
  auto r = once(personal);
  CHECK(contribution(r, "P13.default_invitation", Label::Autofeed) <
        contribution(once(inv), "P13.default_invitation", Label::Autofeed));
  CHECK(r.label != Label::Autofeed);
  // Not an invitation: the rule stays silent.
  CHECK_FALSE(fired(once(post("I'd like to connect with you")), "P13.default_invitation"));
}

TEST_CASE("P15.corporate_voice vs personal voice", "[rules][P15]") {
  auto corp = once(post("We are pleased to announce our industry-leading solutions for our valued customers."));
  CHECK(fired(corp, "P15.corporate_voice"));
  auto me = once(post("I think the new release is a big step, I learned a lot from the changelog"));
  CHECK_FALSE(fired(me, "P15.corporate_voice"));
  CHECK(contribution(me, "P15.personal_voice", Label::Autofeed) < 0);
}
