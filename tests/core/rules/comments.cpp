// P17 comment and reply spam.
#include <catch2/catch.hpp>

#include "helpers.h"

using notwork::Label;
using namespace test;

TEST_CASE("P17.channel_plug: plugging one's own channel", "[rules][P17]") {
  auto r = once(comment("Hey guys check out my channel and please subscribe!!"));
  CHECK(fired(r, "P17.channel_plug"));
  CHECK(r.label == Label::PurePromo);
  CHECK(once(comment("subscribe to me and I'll subscribe back")).label == Label::PurePromo);
  auto ham = once(comment("This song never gets old, still listening in 2015"));
  CHECK_FALSE(fired(ham, "P17.channel_plug"));
  CHECK(ham.label != Label::PurePromo);
}

TEST_CASE("P17.promo_tail: links in comments, also disguised ones", "[rules][P17]") {
  auto r = once(comment("just for test I have to say murdev.com"));
  CHECK(fired(r, "P17.promo_tail"));
  CHECK(r.label == Label::PurePromo);
  auto hidden = once(comment("great stuff at mysite . com for everyone"));
  CHECK(fired(hidden, "P17.promo_tail"));
  auto dotted = once(comment("visit youtube[.]com/mychannel now"));
  CHECK(fired(dotted, "P17.promo_tail"));
  CHECK_FALSE(fired(once(comment("Her voice at the end. Wow. Goosebumps")), "P17.promo_tail"));
}

TEST_CASE("P17.call_to_reader: imperatives aimed at the reader", "[rules][P17]") {
  auto r = once(comment("Check this out guys http://example.com/win"));
  CHECK(fired(r, "P17.call_to_reader"));
  CHECK_FALSE(fired(once(comment("I just came to check the views")), "P17.call_to_reader"));
}

TEST_CASE("P17.generic_praise only counts next to a link", "[rules][P17]") {
  CHECK(fired(once(comment("Nice video! http://my-blog.example.com")), "P17.generic_praise"));
  CHECK_FALSE(fired(once(comment("Nice video!")), "P17.generic_praise"));
}

TEST_CASE("P17.keyword_name: commenters named after products", "[rules][P17]") {
  CHECK(fired(once(comment("so good", "Cheap Shoes Online Store")), "P17.keyword_name"));
  CHECK_FALSE(fired(once(comment("so good", "Maria Lopez")), "P17.keyword_name"));
}

TEST_CASE("P17.cross_author_duplicate: one spammer, many names", "[rules][P17][context]") {
  notwork::Engine e;
  e.score(comment("Make easy money from home with this simple trick today", "Ann Smith"));
  auto r = e.score(comment("Make easy money from home with this simple trick today!!", "Bob Jones"));
  CHECK(fired(r, "P17.cross_author_duplicate"));
  // Comments without any author still take part.
  auto anon = comment("Make easy money from home with this simple trick today", "");
  CHECK(fired(e.score(anon), "P17.cross_author_duplicate"));
  auto other = e.score(comment("The bridge of this song gives me chills every time", "Cara"));
  CHECK_FALSE(fired(other, "P17.cross_author_duplicate"));
  // Posts (not comments) are not compared across authors.
  notwork::Engine f;
  f.score(post("Make easy money from home with this simple trick today", "a"));
  CHECK_FALSE(fired(f.score(post("Make easy money from home with this simple trick today", "b")),
                    "P17.cross_author_duplicate"));
}
