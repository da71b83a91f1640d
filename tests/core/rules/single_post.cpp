// Evidence a single post carries, needing no author history (issue 10, item 2): each test
// runs one rule (run_rule.h) and checks its hits — strengths and details — never a final
// label, which moves when the weights are refitted.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "run_rule.h"

using notwork::Kind;
using notwork::Label;
using namespace test;

namespace {
notwork::Post wp_comment(const std::string& text, const std::string& name,
                         const std::string& url = "") {
  notwork::Post p;
  p.text = text;
  p.author_name = name;
  p.author_url = url;
  p.site = "wordpress";
  p.kind = Kind::Comment;
  p.kind_given = true;
  return p;
}
}  // namespace

TEST_CASE("P3.headline_shape: a title, a link and the outlet's name", "[rules][P3][single]") {
  auto h = run_rule("P3.headline_shape", post("Storm closes schools across the valley | Albuquerque Journal https://t.co/x1"));
  CHECK(h.strength(Label::Autofeed) >= 1.0);
  CHECK(h.says("“Albuquerque Journal”"));
  CHECK(run_rule("P3.headline_shape", post("Why the euro is falling again - BBC News http://bbc.in/x")).says("“BBC News”"));
  CHECK(run_rule("P3.headline_shape", post("La questione di Dio raccontata ai giovani http://t.co/o0 via @NewsLpl")).says("“@NewsLpl”"));
  CHECK(run_rule("P3.headline_shape", post("Cheap flights are back in fashion — skift.com https://skift.com/a")).says("skift.com"));
  // Title Case without a source is weaker evidence.
  auto tc = run_rule("P3.headline_shape", post("Four Corners Hit With First Winter Storm Of Season https://t.co/v"));
  CHECK(tc.strength(Label::Autofeed) == Approx(0.5));
  CHECK(tc.says("capitalisation"));
  // A person talking: addressed, exclaiming, asking, or a tail that is not a name.
  CHECK_FALSE(run_rule("P3.headline_shape", post("Had a lovely walk by the river - thanks everyone https://t.co/p")).fired());
  CHECK_FALSE(run_rule("P3.headline_shape", post("You have to see this | Amazing Place https://t.co/p")).fired());
  // Title Case headlines may say "Your".
  CHECK(run_rule("P3.headline_shape", post("4 Ways to Integrate The Dropbox File Sharing Program Into Your Life http://bit.ly/07o")).says("capitalisation"));
  CHECK_FALSE(run_rule("P3.headline_shape", post("Storm closes schools | Albuquerque Journal!! https://t.co/x1")).fired());
  CHECK_FALSE(run_rule("P3.headline_shape", post("Storm closes schools across the valley | Albuquerque Journal")).fired());  // no link
  auto reply = post("Storm closes schools across the valley | Albuquerque Journal https://t.co/x1");
  reply.is_reply = true;
  CHECK_FALSE(run_rule("P3.headline_shape", reply).fired());
}

TEST_CASE("P3.headline_shape: posts that open with their link, titles cut before it", "[rules][P3][single]") {
  auto h = run_rule("P3.headline_shape", post("http://bit.ly/4TIN68 Apple and Android make up most mobile web traffic"));
  CHECK(h.says("starts with its link, then a title"));
  CHECK(h.strength(Label::Autofeed) >= 1.0);
  // Opening with a link but talking to someone, or a bare link (P12): no headline.
  CHECK_FALSE(run_rule("P3.headline_shape", post("http://t.co/p4 @ana what a view, I love it")).fired());
  CHECK_FALSE(run_rule("P3.headline_shape", post("http://bit.ly/4TIN68")).fired());
  CHECK_FALSE(run_rule("P3.headline_shape", post("Apple and Android make up most traffic http://bit.ly/4T")).says("starts with its link"));
  // A feed's cut: exactly "..." glued to the last word, right before the link.
  CHECK(run_rule("P3.headline_shape", post("Many small businesses face one-year tax increase under Ohio budget bill: The state budget signed int... http://t.co/IYD8AgdB4N"))
            .says("cut short right before its link"));
  // A person trailing off, and a re-share the platform cut, are not a feed's cut.
  CHECK_FALSE(run_rule("P3.headline_shape", post("Nei primi 3 quarti i giocatori pensavano davvero di vincere..... http://t.co/x")).says("cut short"));
  CHECK_FALSE(run_rule("P3.headline_shape", post("Un piccolo omaggio a tutti quelli che amano il calcio ... http://t.co/x")).says("cut short"));
  CHECK_FALSE(run_rule("P3.headline_shape", post("RT @paper: Many small businesses face one-year tax increase under the state budget bi... http://t.co/x")).fired());
}

TEST_CASE("P17.mention_stack: a link pushed at accounts outside the conversation", "[rules][P17][single]") {
  auto h = run_rule("P17.mention_stack", post("Best prices on phone cases http://shop.example/x @amy @bob @cat @dan"));
  CHECK(h.strength(Label::PurePromo) == Approx(1.125));
  CHECK(h.says("4 mentions"));
  auto crowd = run_rule("P17.mention_stack", post("Deal of the day http://shop.example @a1 @a2 @a3 @a4 @a5 @a6 @a7 @a8"));
  CHECK(crowd.strength(Label::PurePromo) == Approx(1.5));
  // A reply opens with the people it answers: they are the conversation.
  auto reply = post("@amy @bob @cat here is the map http://maps.example/x");
  reply.is_reply = true;
  CHECK_FALSE(run_rule("P17.mention_stack", reply).fired());
  CHECK_FALSE(run_rule("P17.mention_stack", post("Dinner with @amy @bob @cat tonight, so good")).fired());  // no link
  CHECK_FALSE(run_rule("P17.mention_stack", post("RT @amy: look @bob @cat @dan http://x.example")).fired());
  CHECK_FALSE(run_rule("P17.mention_stack", post("\"@amy: photo of @bob @cat @dan http://x.example\"")).fired());
}

TEST_CASE("P17.obfuscated_link: links written to dodge detection", "[rules][P17][single]") {
  CHECK(run_rule("P17.obfuscated_link", post("Win big at ｈｔｔｐ：／／ｃａｓｉｎｏ．ｅｘａｍｐｌｅ")).says("disguise"));
  CHECK(run_rule("P17.obfuscated_link", post("go to bestpills dot com today")).strength(Label::PurePromo) == Approx(1.0));
  CHECK(run_rule("P17.obfuscated_link", post("deals at cheapstuff[.]shop")).fired());
  CHECK(run_rule("P17.obfuscated_link", post("visit w w w . mysite . net")).fired());
  CHECK(run_rule("P17.obfuscated_link", post("hxxp://evil.example/x")).fired());
  CHECK(run_rule("P17.obfuscated_link", post("my new song /watch?v=abcdef12345")).fired());
  CHECK(run_rule("P17.obfuscated_link", post("miosito punto com per tutti")).fired());
  CHECK(run_rule("P17.obfuscated_link", post("look at my-sh\u200bop.com")).fired());
  CHECK_FALSE(run_rule("P17.obfuscated_link", post("Read it at https://example.com/watch?v=abcdef12345")).fired());
  CHECK_FALSE(run_rule("P17.obfuscated_link", post("Fui com ele ao mercado. Ele estava com fome")).fired());
  CHECK_FALSE(run_rule("P17.obfuscated_link", post("It was the end. Me too, honestly")).fired());
}

TEST_CASE("P17.disguised_text: look-alike letters and hidden characters", "[rules][P17][single]") {
  auto h = run_rule("P17.disguised_text", post("\u0421h\u0435\u0441k out my fr\u0435\u0435 offer"));
  CHECK(h.strength(Label::PurePromo) == Approx(1.0));
  CHECK(h.says("look-alike"));
  CHECK(run_rule("P17.disguised_text", post("𝐁𝐞𝐬𝐭 𝐨𝐟𝐟𝐞𝐫 𝐭𝐨𝐝𝐚𝐲 now")).says("fancy"));
  CHECK(run_rule("P17.disguised_text", post("vi\u200bagra for sale")).says("invisible"));
  CHECK_FALSE(run_rule("P17.disguised_text", post("Привет, как дела? Καλημέρα")).fired());
  CHECK_FALSE(run_rule("P17.disguised_text", post("Plain words, café, naïve, Straße")).fired());
}

TEST_CASE("P17.call_to_reader: calls at the reader, in six languages", "[rules][P17][single][lang]") {
  const char* calls[] = {
      "Subscribe to my channel for more http://yt.example/c",
      "Link in bio!",
      "Click here to claim your prize http://x.example",
      "Call now 0800 123 4567 for a free quote",
      "Txt STOP to 80082 to end",
      "Suscríbete y sígueme http://x.example",            // es
      "Inscreva-se no canal e clique aqui http://x.example",  // pt
      "Abonnez-vous et cliquez ici http://x.example",     // fr
      "Jetzt kaufen und klick hier http://x.example",     // de
      "Iscriviti al canale e clicca qui http://x.example",  // it
      "𝐂𝐥𝐢𝐜𝐤 𝐡𝐞𝐫𝐞 http://x.example",                     // fancy letters, normalised first
  };
  for (const char* text : calls) {
    CAPTURE(text);
    auto h = run_rule("P17.call_to_reader", post(text));
    CHECK(h.strength(Label::PurePromo) > 0.5);
    CHECK(h.says("call to action"));
  }
  // With a link the call is stronger than without.
  CHECK(run_rule("P17.call_to_reader", post("Visit my shop http://x.example")).strength(Label::PurePromo) >
        run_rule("P17.call_to_reader", post("Visit my shop")).strength(Label::PurePromo));
  // Someone else's call, passed on, is weaker.
  CHECK(run_rule("P17.call_to_reader", post("RT @shop: Click here to claim your prize http://x.example")).strength(Label::PurePromo) <
        run_rule("P17.call_to_reader", post("Click here to claim your prize http://x.example")).strength(Label::PurePromo));
  const char* plain[] = {"I followed the recipe and it worked", "We visited my aunt in Rome",
                         "Ho visto il film ieri sera, bellissimo", "Je suis allé au marché ce matin",
                         "Wir haben gestern lange diskutiert", "Fui ao cinema com a minha irmã"};
  for (const char* text : plain) {
    CAPTURE(text);
    CHECK_FALSE(run_rule("P17.call_to_reader", post(text)).fired());
  }
}

TEST_CASE("P3.share_footprint: text written by a share button", "[rules][P3][single][lang]") {
  const char* footprints[] = {
      "Check out this listing on @Etsy: vintage lamp http://etsy.me/x",
      "I added a video to a @YouTube playlist http://youtu.be/x",
      "I just signed the petition to save the library http://chn.ge/x",
      "Ho pubblicato una nuova foto su Facebook http://fb.me/x",
      "Acabo de firmar la petición http://chn.ge/x",
      "Gostei de um vídeo @YouTube http://youtu.be/x",
      "Je viens de partager une vidéo http://x.example",
      "Ich habe ein @YouTube-Video positiv bewertet http://youtu.be/x",
      "I'm at Blue Bottle Coffee (Oakland, CA) http://4sq.com/x",
      "I'm at PalaMoak (Modica, Ragusa) http://t.co/HHHlVHpA",
      "Ho appena utilizzato Shazam per scoprire I See You di Jutty Ranx. http://t.co/p8",
      "just voted \"Fifteen\" on \"Which song relates to you the most?\" vote too ➔ http://bit.ly/5P",
      "I hope I am wrong (YouTube http://www.youtube.com/watch?v=TZnT2SnTLz0&feature=autoshare_twitter)",
      "Coldplay 🎸 Fix You 🎶 X & Y 🎼 http://t.co/cY3cejIa",
      "New forum thread: Wayne State, Dec 5th http://bit.ly/7zqFqA",
  };
  for (const char* text : footprints) {
    CAPTURE(text);
    auto h = run_rule("P3.share_footprint", post(text));
    CHECK(h.strength(Label::Autofeed) >= 0.8);
    CHECK(h.says("share-button"));
  }
  CHECK_FALSE(run_rule("P3.share_footprint", post("I signed up for the marathon, wish me luck")).fired());
  CHECK_FALSE(run_rule("P3.share_footprint", post("Mi piace molto questa canzone")).fired());
  CHECK_FALSE(run_rule("P3.share_footprint", post("I'm at home with a cold, send soup")).fired());
  CHECK_FALSE(run_rule("P3.share_footprint", post("I voted early this year, no queue at all")).fired());
}

TEST_CASE("P16.genuine_share: own words about someone else's work", "[rules][P16][single][lang]") {
  const char* shares[] = {
      "Great read on urban heat islands by @kmiller https://news.example/heat",
      "Worth your time: https://essays.example/long-read",
      "This thread by Ana Ruiz is excellent https://x.example/t",
      "Ottimo articolo di Rampini, da leggere http://repubblica.it/a",
      "Très bon papier de Libé sur la réforme http://liberation.fr/a",
      "Muy buena la entrevista http://elpais.com/a",
      "Sehr lesenswert: http://zeit.de/a",
      "Vale a pena ler http://folha.com.br/a",
  };
  for (const char* text : shares) {
    CAPTURE(text);
    auto h = run_rule("P16.genuine_share", post(text));
    CHECK(h.strength(Label::GenuineShare) >= 0.8);
    CHECK(h.strength(Label::Autofeed) < 0);
  }
  // Own words before a re-share, in any language.
  auto rt = run_rule("P16.genuine_share", post("なかなかですね！RT @hosaka: 写真はすべてGXRで撮影 http://ow.ly/Fak1"));
  CHECK(rt.strength(Label::GenuineShare) == Approx(0.8));
  CHECK(run_rule("P16.genuine_share", post("Crude language but a valid point RT@paul: jailed for his civic duty http://ow.ly/C7vM")).strength(Label::GenuineShare) == Approx(0.8));
  // Nor a re-share of a re-share, nor a listing's "must see".
  CHECK_FALSE(run_rule("P16.genuine_share", post("RT @a: RT @b: My cat is missing. This is so sad http://x.example")).fired());
  CHECK(run_rule("P16.genuine_share", post("House for sale, Must See. $254,000 http://tlre.us/9")).strength(Label::GenuineShare) <= 0);
  CHECK(run_rule("P16.genuine_share", post("A proposito di calamità “@WFMU: Half of Russians doubt the meteor http://t.co/A”")).strength(Label::GenuineShare) == Approx(0.8));
  // The copied title is not the poster's own words; neither is no text at all.
  auto copied = run_rule("P16.genuine_share", post("Storm closes schools across the valley | Albuquerque Journal https://t.co/x1"));
  CHECK(copied.strength(Label::GenuineShare) < 0);
  CHECK(copied.says("title"));
  CHECK(run_rule("P16.genuine_share", post("https://news.example/a")).strength(Label::GenuineShare) < 0);
  // Not a reaction: a link to one's own site, an app template, a plug.
  CHECK_FALSE(run_rule("P16.genuine_share", post("Great read on my blog https://murdev.com/p", "murdev")).fired());
  CHECK_FALSE(run_rule("P16.genuine_share", post("Mi piace un video @YouTube http://youtu.be/x")).fired());
  CHECK_FALSE(run_rule("P16.genuine_share", post("Great read, subscribe to my channel http://yt.example/c")).fired());
  // Under someone else's post, praise with a link is a plug unless it credits the work.
  CHECK_FALSE(run_rule("P16.genuine_share", wp_comment("Great read! http://my-seo.example", "Jo")).fired());
}

TEST_CASE("P17.commentluv_tail: an advert for the commenter's latest post", "[rules][P17][single]") {
  auto h = run_rule("P17.commentluv_tail",
                    wp_comment("Nice tips. Kim would love you to read ...How I paid off my debt",
                               "Kim", "http://kimsmoney.example"));
  CHECK(h.strength(Label::PurePromo) == Approx(1.0));
  CHECK(run_rule("P17.commentluv_tail", wp_comment("Agreed! Dan recently posted..Ten Ways To Save", "Dan")).fired());
  CHECK_FALSE(run_rule("P17.commentluv_tail", wp_comment("I recently posted a question on the forum about this, no answer yet", "Dan")).fired());
  CHECK_FALSE(run_rule("P17.commentluv_tail", post("Kim would love you to read ...my post")).fired());  // not a comment
}

TEST_CASE("P17.template_praise: praise that fits under any post", "[rules][P17][single][lang]") {
  const char* spam[] = {
      "Great post, thanks for sharing!",
      "Very informative article. I will bookmark your blog and come back.",
      "I've been browsing online more than 3 hours today, yet I never found any interesting article like yours.",
      "Hello there! I found your blog via Google. Keep up the good work!",
      "Excelente artículo, gracias por compartir",
      "Ottimo articolo, grazie per la condivisione",
      "Danke für den Beitrag, weiter so",
      "Hi would you mind letting me know which webhost you're using? This blog loads a lot faster than most.",
  };
  for (const char* text : spam) {
    CAPTURE(text);
    auto h = run_rule("P17.template_praise", wp_comment(text, "Someone"));
    CHECK(h.strength(Label::PurePromo) >= 0.6);
    CHECK(h.says("praise"));
  }
  const char* ham[] = {
      "I tried your sourdough method but my starter died on day 4. Was the kitchen too cold?",
      "I disagree about the second point: in my experience the API rate limits make this impractical.",
  };
  for (const char* text : ham) {
    CAPTURE(text);
    CHECK_FALSE(run_rule("P17.template_praise", wp_comment(text, "Someone")).fired());
  }
  CHECK_FALSE(run_rule("P17.template_praise", post("Great post, thanks for sharing!")).fired());  // not a comment
}

TEST_CASE("P17.keyword_name: shop, product and keyword names", "[rules][P17][single]") {
  CHECK(run_rule("P17.keyword_name", wp_comment("nice", "Cheap Flights London")).strength(Label::PurePromo) >= 1.0);
  CHECK(run_rule("P17.keyword_name", wp_comment("nice", "Best SEO Services")).fired());
  CHECK(run_rule("P17.keyword_name", wp_comment("nice", "buy-viagra")).strength(Label::PurePromo) >= 0.8);
  CHECK(run_rule("P17.keyword_name", wp_comment("nice", "best-roof-company")).strength(Label::PurePromo) == Approx(0.8));
  CHECK(run_rule("P17.keyword_name", wp_comment("nice", "Emergency Plumber Near Me")).fired());
  CHECK(run_rule("P17.keyword_name", wp_comment("nice", "loans4cash")).fired());
  CHECK(run_rule("P17.keyword_name", wp_comment("nice", "WebDesignPro")).strength(Label::PurePromo) == Approx(0.8));
  // A business signing with its own site's name is stronger.
  CHECK(run_rule("P17.keyword_name", wp_comment("nice", "Cheap Flights London", "http://cheapflightslondon.example")).strength(Label::PurePromo) >
        run_rule("P17.keyword_name", wp_comment("nice", "Cheap Flights London")).strength(Label::PurePromo));
  for (const char* person : {"Maria Lopez", "Jean-Pierre", "dave_k", "Tom", "Anna Schmidt", "mike85", "randman21", "Bea Boots"}) {
    CAPTURE(person);
    CHECK_FALSE(run_rule("P17.keyword_name", wp_comment("nice", person)).fired());
  }
}

TEST_CASE("P5.promo_dm: selling in plain words in a direct message", "[rules][P5][single][lang]") {
  const char* selling[] = {
      "Congratulations! You have won a £1000 cash prize. Call 09061701461 to claim now",
      "FREE entry into our weekly draw, txt WIN to 80086. T&Cs apply",
      "Need a loan? Fast approval, no credit check, apply today",
      "Exclusive offer just for you: 50% off all shoes this weekend",
      "Hai vinto un premio! Chiama ora per riscattarlo",
      "Você ganhou um prêmio, resgate agora",
      "Vous avez gagné un cadeau, appelez maintenant",
  };
  for (const char* text : selling) {
    CAPTURE(text);
    auto h = run_rule("P5.promo_dm", post(text, "x", Kind::Dm));
    CHECK(h.strength(Label::PurePromo) >= 0.8);
  }
  const char* ordinary[] = {"Are we still on for lunch tomorrow?", "Thanks for the notes, see you Monday",
                            "Ci vediamo stasera al solito posto?", "Did you get home ok? Call me when you can"};
  for (const char* text : ordinary) {
    CAPTURE(text);
    CHECK_FALSE(run_rule("P5.promo_dm", post(text, "x", Kind::Dm)).fired());
  }
  // The same selling words in a public post are not a DM.
  CHECK_FALSE(run_rule("P5.promo_dm", post("You have won a prize, claim now")).fired());
}

TEST_CASE("Normalised text reaches the lexicons", "[rules][single][normalize]") {
  CHECK(run_rule("P17.call_to_reader", post("ｃｌｉｃｋ ｈｅｒｅ http://x.example")).fired());
  CHECK(run_rule("P17.call_to_reader", post("sub\u00adscribe to my channel")).fired());
  CHECK(run_rule("P17.template_praise", wp_comment("Gr\u0435at p\u043est, thanks for sh\u0430ring", "X")).fired());
}

TEST_CASE("P17.promo_tail: a reference cited as “et al.” is credit, not a plug", "[rules][P17][single]") {
  auto cited = wp_comment("Link for the paper in case anyone is looking: https://arxiv.org/abs/1706.03762 (Vaswani et al.)", "Paul");
  CHECK_FALSE(run_rule("P17.promo_tail", cited).fired());
  CHECK(run_rule("P16.credit", cited).says("Vaswani"));
  CHECK(run_rule("P17.promo_tail", wp_comment("Link for the paper: https://arxiv.org/abs/1706.03762", "Paul")).fired());
}
