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
  test::RuleEngine e;
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

namespace {
// A comment as the WordPress adapter extracts it.
notwork::Post wp_comment(const std::string& text, const std::string& name, const std::string& url = "") {
  notwork::Post p;
  p.text = text;
  p.author = name;
  p.author_name = name;
  p.author_url = url;
  p.site = "wordpress";
  p.kind = notwork::Kind::Comment;
  p.kind_given = true;
  return p;
}
}  // namespace

TEST_CASE("P17.promo_tail: a link crediting someone else's work is not a plug", "[rules][P17][P16]") {
  // Tom links to Ana's follow-up and says it is hers.
  auto credit = once(wp_comment("Great piece — Ana Ruiz wrote a longer follow-up here: https://anaruiz.example/posts/follow-up",
                                "Tom Baker", "https://tombaker.example"));
  CHECK_FALSE(fired(credit, "P17.promo_tail"));
  CHECK(fired(credit, "P16.credit"));
  CHECK(credit.label != Label::PurePromo);
  // The same words from Ana herself advertise her own post.
  auto self = once(wp_comment("Great piece — Ana Ruiz wrote a longer follow-up here: https://anaruiz.example/posts/follow-up",
                              "Ana Ruiz", "https://anaruiz.example"));
  CHECK(fired(self, "P17.promo_tail"));
  CHECK_FALSE(fired(self, "P16.credit"));
  // A link to the commenter's own site, and a bare link with no credit, are promotional tails.
  auto own = once(wp_comment("Great post! I wrote about this too, check out my latest post: https://tombaker.example/blog/feeds",
                             "Tom Baker", "https://tombaker.example"));
  CHECK(fired(own, "P17.promo_tail"));
  CHECK(own.label == Label::PurePromo);
  CHECK(fired(once(wp_comment("Nice one https://cheap-deals.example/x", "Tom Baker")), "P17.promo_tail"));
  // "by" in a brand signature is not credit to someone else.
  auto brand = once(comment("www.younique.example/jo Younique by Joanna Gordon www.younique.example", "Charles B"));
  CHECK(fired(brand, "P17.promo_tail"));
}

TEST_CASE("P17.promo_tail: on a platform, only the commenter's own page is theirs", "[rules][P17]") {
  auto own = comment("Check out my channel!! https://www.youtube.com/@BeatsByKayo", "@BeatsByKayo");
  own.author = "BeatsByKayo";
  own.author_url = "https://www.youtube.com/@BeatsByKayo";
  CHECK(contribution(once(own), "P17.promo_tail", Label::PurePromo) == Approx(1.6));
  auto other = own;
  other.text = "The live version is even better https://www.youtube.com/watch?v=abcdefghijk";
  CHECK(contribution(once(other), "P17.promo_tail", Label::PurePromo) == Approx(0.7));
}

TEST_CASE("P17.promo_tail: a link in disguise, and a URL glued to the text", "[rules][P17]") {
  CHECK(fired(once(comment("Search \"Chubbz Dinero - Ready Or Not\" Thanks")), "P17.promo_tail"));
  CHECK_FALSE(fired(once(comment("I had to search for the lyrics to understand it")), "P17.promo_tail"));
  auto glued = once(comment("Add me here...https://www.facebook.com/SomeBandPage"));
  CHECK(fired(glued, "P17.promo_tail"));
  CHECK(glued.label == Label::PurePromo);
}

TEST_CASE("P17.channel_plug: announcing one's own creation, follow me on other networks", "[rules][P17]") {
  CHECK(fired(once(comment("I did a cover if u want to check it out THANK U")), "P17.channel_plug"));
  CHECK(once(comment("Follow me on Instagram. _chris_cz")).label == Label::PurePromo);
  CHECK_FALSE(fired(once(comment("I did a double take at 2:30, what a move")), "P17.channel_plug"));
  CHECK_FALSE(fired(once(comment("my friends follow me to every concert of hers")), "P17.channel_plug"));
}

TEST_CASE("P16: a comment can be a genuine share, with credit and a reason", "[rules][P16]") {
  auto share = comment("Great explanation. If you want the maths behind the second half, this article by Grant Sanderson "
                       "helped me a lot, he walks through the same example step by step: https://www.3blue1brown.com/lessons/fourier-series",
                       "@nadia_learns");
  auto r = once(share);
  CHECK(fired(r, "P16.own_take"));
  CHECK(r.label == Label::GenuineShare);
  // A reason and a link without saying whose work it is: still a plug under someone's video.
  auto plug = once(comment("This helped me a lot, check it out https://learn-fast.example/course", "@nadia_learns"));
  CHECK_FALSE(fired(plug, "P16.own_take"));
  CHECK(plug.label == Label::PurePromo);
}
