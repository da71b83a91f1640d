// P3 autofeed rules and P18 own feed.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "run_rule.h"

using notwork::Label;
using namespace test;

TEST_CASE("P3.feed_footprint: feed service tails and templates", "[rules][P3]") {
  auto r = once(post("Ten tips for sourdough (via Buffer) https://example.org/bread"));
  CHECK(fired(r, "P3.feed_footprint"));
  CHECK(once(post("New post: Why caching is hard https://blog.example.com/caching")).label ==
        Label::Autofeed);
  CHECK(fired(once(post("I liked a @YouTube video https://youtu.be/abc123")), "P3.feed_footprint"));
  CHECK(fired(once(post("Read it here http://feedproxy.google.com/~r/x/1")), "P3.feed_footprint"));
  // Negative: a person mentioning Buffer the company is not a footprint.
  CHECK_FALSE(fired(once(post("I think Buffer has a great blog about remote work")),
                    "P3.feed_footprint"));
}

TEST_CASE("P3.automation_client and platform label", "[rules][P3]") {
  auto p = post("Storm warning for the coast https://news.example.com/storm");
  p.source_client = "dlvr.it";
  CHECK(fired(once(p), "P3.automation_client"));
  p.source_client = "Twitter for iPhone";
  CHECK_FALSE(fired(once(p), "P3.automation_client"));
  auto bot = post("Daily weather: 12C and cloudy");
  bot.automated = true;
  CHECK(fired(once(bot), "P3.platform_automated"));
  CHECK_FALSE(fired(once(post("Daily weather: 12C and cloudy")), "P3.platform_automated"));
}

TEST_CASE("P3.title_link", "[rules][P3]") {
  CHECK(fired(once(post("City council approves new budget for parks https://t.co/a https://t.co/b")),
              "P3.title_link"));
  CHECK_FALSE(fired(once(post("I loved this piece, you should read it https://example.com/x")),
                    "P3.title_link"));
  // A caption of one's own photo is not a copied headline.
  CHECK_FALSE(fired(once(post("No tickets yet for the final http://twitpic.com/r54cz")), "P3.title_link"));
}

TEST_CASE("P3.headline_streak needs the author's history", "[rules][P3][context]") {
  test::RuleEngine e;
  const char* headlines[] = {
      "Fire crews battle blaze at downtown warehouse https://t.co/a1 https://t.co/b1",
      "School board votes to extend the academic year https://t.co/a2 https://t.co/b2",
      "Police search for missing hiker near the ridge https://t.co/a3 https://t.co/b3",
      "Bridge repairs to close two lanes until Friday https://t.co/a4 https://t.co/b4",
      "Local bakery wins national award for rye bread https://t.co/a5 https://t.co/b5",
      "Transit agency announces new weekend schedule https://t.co/a6 https://t.co/b6",
      "Storm leaves thousands without power overnight https://t.co/a7 https://t.co/b7"};
  notwork::Result last;
  for (const char* h : headlines) last = e.score(post(h, "citynewsbot"));
  CHECK(fired(last, "P3.headline_streak"));
  CHECK(last.label == Label::Autofeed);
  // Another author's first post of the same shape has no history: no context rule.
  auto fresh = e.score(post("Museum opens new wing for modern art https://t.co/x https://t.co/y", "bob"));
  CHECK_FALSE(fired(fresh, "P3.headline_streak"));
}

TEST_CASE("P3.headline_streak: a person's varied posts are no streak", "[rules][P3][context]") {
  test::RuleEngine e;
  const char* posts[] = {"I can't believe how good this coffee is",
                         "Anyone know a good plumber in Leeds?",
                         "@sam thanks, that fixed it!",
                         "Long walk by the river today, my legs are done",
                         "Council approves new budget for parks"};
  notwork::Result last;
  for (const char* t : posts) last = e.score(post(t, "carol"));
  CHECK_FALSE(fired(last, "P3.headline_streak"));
  CHECK(last.label != Label::Autofeed);
}

TEST_CASE("P3.regular_intervals: a scheduler's clockwork", "[rules][P3][context]") {
  test::RuleEngine e;
  notwork::Result r;
  for (int i = 0; i < 6; ++i) {
    char ts[32];
    std::snprintf(ts, sizeof ts, "2024-03-01T%02d:00:00Z", 8 + i);
    r = e.score(at(post("Tip of the hour number " + std::to_string(i)), ts));
  }
  CHECK(fired(r, "P3.regular_intervals"));
  notwork::Engine h;
  const char* times[] = {"2024-03-01T08:00:00Z", "2024-03-01T08:47:00Z", "2024-03-01T11:02:00Z",
                         "2024-03-01T11:09:00Z", "2024-03-01T15:30:00Z"};
  for (const char* t : times) r = h.score(at(post("just chatting"), t));
  CHECK_FALSE(fired(r, "P3.regular_intervals"));
}

TEST_CASE("P18.own_feed: announcing one's own post is a milder broadcast", "[rules][P18]") {
  auto p = post("I just published a post on sourdough starters https://alicebakes.com/starters",
                "alicebakes");
  auto r = once(p);
  CHECK(fired(r, "P18.own_feed"));
  CHECK(contribution(r, "P18.own_feed", Label::PurePromo) > 0);  // counts towards P2
  CHECK(contribution(r, "P18.own_feed", Label::Autofeed) < 1.0);  // milder than a feed
  CHECK_FALSE(fired(once(post("Reading a post about sourdough starters this morning")), "P18.own_feed"));
}

namespace {
notwork::Post pingback(const std::string& text, bool automated) {
  notwork::Post p;
  p.text = text;
  p.author = "aggregated-tech-digest.info";
  p.author_name = "Links of the week #112";
  p.author_url = "https://aggregated-tech-digest.info/2026/03/links-112/";
  p.links = {p.author_url};
  p.links_given = true;
  p.site = "wordpress";
  p.kind = notwork::Kind::Comment;
  p.kind_given = true;
  p.source_client = "pingback";
  p.automated = automated;
  return p;
}
}  // namespace

TEST_CASE("P3: WordPress pingbacks and trackbacks are autofeed, not comment spam", "[rules][P3]") {
  auto flagged = once(pingback("Pingback: Links of the week #112 https://aggregated-tech-digest.info/2026/03/links-112/", true));
  CHECK(flagged.label == Label::Autofeed);
  CHECK(fired(flagged, "P3.automation_client"));
  CHECK_FALSE(fired(flagged, "P17.promo_tail"));
  // An excerpt-style pingback, even without the platform's automated flag.
  auto excerpt = once(pingback("[…] Paul argues that feeds flatten conversation, and replying before reposting matters […]", false));
  CHECK(excerpt.label == Label::Autofeed);
  CHECK(fired(excerpt, "P3.feed_footprint"));
  CHECK_FALSE(fired(excerpt, "P16.credit"));
  // A person quoting with ellipses is not a feed.
  auto person = comment("[…] is exactly the part I disagreed with, but the rest is great", "Greta");
  CHECK_FALSE(fired(once(person), "P3.feed_footprint"));
}

TEST_CASE("P3.section_tag: a headline filed under a news section's hashtag", "[rules][P3][single]") {
  auto end = run_rule("P3.section_tag", post("Ryan still developing in new offense #falcons #sports https://t.co/a"));
  CHECK(end.strength(Label::Autofeed) == Approx(1.0));
  CHECK(end.says("#sports"));
  auto start = run_rule("P3.section_tag", post("#local 1 confirmed dead, 1 injured in I-75 overpass collapse"));
  CHECK(start.says("#local"));
  // Other languages' sections (sections.inc per language).
  CHECK(run_rule("P3.section_tag", post("Approvata la riforma del lavoro in Senato #politica")).fired());
  CHECK(run_rule("P3.section_tag", post("Nuevo récord de temperatura en Sevilla #noticias")).fired());
  // A person's opinion with the same tag is not a headline: voice, exclamation, full stop.
  CHECK_FALSE(run_rule("P3.section_tag", post("I really think the mayor got this one wrong #politics")).fired());
  CHECK_FALSE(run_rule("P3.section_tag", post("What a game last night! #sports")).fired());
  CHECK_FALSE(run_rule("P3.section_tag", post("Non fidatevi di Bersani. #politica")).fired());
  // A tag in the middle of the sentence is not where a feed files a headline.
  CHECK_FALSE(run_rule("P3.section_tag", post("New #sports centre opens on the east side of town")).fired());
  CHECK_FALSE(run_rule("P3.section_tag", post("New #sports centre opens on the east side of town #leeds")).fired());
  // A tag that names no section, and replies, are not evidence.
  CHECK_FALSE(run_rule("P3.section_tag", post("Ryan still developing in new offense #falcons")).fired());
  auto reply = post("Ryan still developing in new offense #sports");
  reply.is_reply = true;
  CHECK_FALSE(run_rule("P3.section_tag", reply).fired());
}

TEST_CASE("features: a headline is one sentence without a full stop", "[features][P3]") {
  using notwork::extract_features;
  CHECK(extract_features(post("Storm leaves thousands without power overnight https://t.co/a")).title_like);
  // Abbreviations are no sentence end: "Gov.", "Colo.", "U.S.", "St.".
  CHECK(extract_features(post("Texas Gov. Greg Abbott to rally Tarrant County Republicans #local")).title_like);
  CHECK(extract_features(post("Jurors give Colo. theater shooter life in prison")).title_like);
  CHECK(extract_features(post("New York City, U.S. agree to reforms for Rikers jail complex")).title_like);
  // A full stop at the end (links and hashtags may follow), or two sentences: a person.
  auto end = extract_features(post("Mario Draghi, traditore dell'Italia. #serviziopubblico"));
  CHECK(end.ends_with_period);
  CHECK_FALSE(end.title_like);
  auto two = extract_features(post("Italiani, ci rimane la rivolta. Solo da questa può nascere una nuova Italia."));
  CHECK(two.sentence_breaks == 1);
  CHECK_FALSE(two.title_like);
  // An ellipsis and a decimal are not full stops.
  auto ell = extract_features(post("Orange County May Have Misspent Grant Money... http://p.gs/d2y02"));
  CHECK_FALSE(ell.ends_with_period);
  CHECK(ell.sentence_breaks == 0);
  CHECK(extract_features(post("Inflation falls to 2.5 percent in March https://t.co/b")).sentence_breaks == 0);
}

TEST_CASE("P16.converses: an author who answers people is no broadcast station", "[rules][P16][context]") {
  test::RuleEngine e;
  const char* talk[] = {"@sam thanks, that fixed it!", "@ana no, the later train",
                        "Long walk by the river today", "@joe see you there",
                        "@sam ha, fair point", "Council approves new budget for parks"};
  for (const char* t : talk) e.score(post(t, "carol"));
  auto r = e.score(post("Storm leaves thousands without power overnight https://t.co/a", "carol"));
  // Evidence against a feed: 4 of the 6 earlier posts answer someone.
  CHECK(contribution(r, "P16.converses", Label::Autofeed) == Approx(-4.0 / 6.0).margin(1e-4));
  // A feed's history has no replies: nothing to say.
  test::RuleEngine feed;
  const char* heads[] = {"Fire crews battle blaze at warehouse https://t.co/a1",
                         "School board votes to extend the year https://t.co/a2",
                         "Police search for missing hiker https://t.co/a3",
                         "Bridge repairs to close two lanes https://t.co/a4"};
  notwork::Result last;
  for (const char* h : heads) last = feed.score(post(h, "citynewsbot"));
  CHECK(contribution(last, "P16.converses", Label::Autofeed) == 0);
  // Too little history to tell.
  test::RuleEngine fresh;
  fresh.score(post("@sam thanks!", "dan"));
  CHECK(contribution(fresh.score(post("Museum opens new wing https://t.co/x", "dan")), "P16.converses", Label::Autofeed) == 0);
  // Re-sharing other people's posts is taking part too: feeds re-share nobody.
  test::RuleEngine sharer;
  const char* shares[] = {"RT @ana: the river walk at dawn is the best thing in town",
                          "Long day, finally home", "RT @joe: new bakery on Elm St is great",
                          "RT @sam: who else is going on Friday?"};
  for (const char* t : shares) sharer.score(post(t, "erin"));
  auto shared = sharer.score(post("Storm leaves thousands without power overnight https://t.co/b", "erin"));
  CHECK(contribution(shared, "P16.converses", Label::Autofeed) < 0);
  // A page's native repost is shown under the original author's name: it says nothing
  // about that author taking part.
  test::RuleEngine reposted;
  for (int i = 0; i < 6; ++i) {
    auto p = post("Bridge repairs to close two lanes, part " + std::to_string(i) + " https://t.co/r" + std::to_string(i), "citynewsbot");
    p.is_repost = true;
    reposted.score(p);
  }
  CHECK(contribution(reposted.score(post("Museum opens new wing https://t.co/x", "citynewsbot")), "P16.converses", Label::Autofeed) == 0);
}
