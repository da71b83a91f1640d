// Languages: the `lang` input field, the detector on short posts, and the voice (first and
// second person) per language (core/src/lang/lang.h, docs/languages.md).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers.h"
#include "notwork/features.h"
#include "notwork/formats.h"
#include "notwork/post.h"

using namespace test;

namespace {

std::string detected(const std::string& text) { return notwork::extract_features(post(text)).lang; }

notwork::Features in(const std::string& lang, const std::string& text) {
  notwork::Post p = post(text);
  p.lang = lang;
  return notwork::extract_features(p);
}

struct Sample {
  const char* lang;
  const char* text;
};

}  // namespace

TEST_CASE("lang: the input field is read as an ISO 639-1 code", "[lang]") {
  CHECK(notwork::normalize_lang("en") == "en");
  CHECK(notwork::normalize_lang("EN") == "en");
  CHECK(notwork::normalize_lang("en-US") == "en");
  CHECK(notwork::normalize_lang("pt_BR") == "pt");
  CHECK(notwork::normalize_lang("zh-Hant-TW") == "zh");
  CHECK(notwork::normalize_lang("iw") == "he");
  for (const char* unknown : {"", "e", "und", "qme", "zxx", "eng", "english", "e1", "en US", "--", "ελ"})
    CHECK(notwork::normalize_lang(unknown).empty());

  // The batch reader (Session::score_batch's) and the CLI's field copy keep it.
  auto posts = notwork::posts_from_json(
      R"([{"text":"a","lang":"pt-BR"},{"text":"b","lang":"und"},{"text":"c","lang":7},{"text":"d"}])");
  REQUIRE(posts.size() == 4);
  CHECK(posts[0].lang == "pt");
  CHECK(posts[1].lang.empty());
  CHECK(posts[2].lang.empty());
  CHECK(posts[3].lang.empty());
  auto core = notwork::formats::core_fields(notwork::formats::Json::parse(R"({"text":"x","lang":"fr-CA"})"));
  CHECK(core.value("lang", "") == "fr-CA");
  CHECK(notwork::formats::check_post(notwork::formats::Json::parse(R"({"text":"x","lang":5})")) != "");
}

TEST_CASE("lang: a given language wins over the detector", "[lang]") {
  auto f = in("it", "I think you should read this");
  CHECK(f.lang == "it");
  CHECK(f.lang_given);
  CHECK_FALSE(f.first_person);  // Italian words are read, not English ones
  auto g = notwork::extract_features(post("I think you should read this, it is the best thing this week"));
  CHECK(g.lang == "en");
  CHECK_FALSE(g.lang_given);
}

TEST_CASE("lang: short real-looking posts are detected in each language", "[lang]") {
  const Sample samples[] = {
      {"en", "Can you believe the train was late again? Third time this week."},
      {"en", "Thanks for the kind words everyone, it really means a lot to me"},
      {"en", "Storm closes the main road near the coast, drivers told to avoid the area"},
      {"es", "¿Alguien sabe a qué hora abre la farmacia los domingos?"},
      {"es", "Muchas gracias a todos por los mensajes, me han alegrado el día"},
      {"es", "El gobierno aprueba la nueva ley de vivienda https://example.com/ley"},
      {"pt", "Hoje está um calor insuportável em Lisboa, não dá para sair de casa"},
      {"pt", "Não entendo por que mudam os horários do ônibus todo mês"},
      {"pt", "Governo anuncia novas regras para o aluguel de imóveis https://example.com/a"},
      {"fr", "Je ne comprends pas pourquoi les horaires du train changent tous les mois"},
      {"fr", "Merci beaucoup pour vos messages, ça me fait vraiment plaisir"},
      {"fr", "Le gouvernement présente une nouvelle loi sur le logement https://example.com/l"},
      {"de", "Ich verstehe nicht, warum sich der Fahrplan jeden Monat ändert"},
      {"de", "Vielen Dank für eure Nachrichten, das freut mich wirklich sehr"},
      {"de", "Die Regierung stellt ein neues Gesetz für Mieter vor https://example.com/g"},
      {"it", "Non capisco perché cambiano gli orari del treno ogni mese"},
      {"it", "Grazie mille per i messaggi, mi avete fatto davvero piacere"},
      {"it", "Il governo presenta la nuova legge sulla casa https://example.com/casa"},
      {"nl", "Ik snap niet waarom de dienstregeling elke maand verandert"},
      {"nl", "Heel erg bedankt voor jullie berichten, daar word ik blij van"},
      {"el", "Ευχαριστώ πολύ για τα μηνύματα, μου φτιάξατε τη μέρα"},
      {"el", "Νέο άρθρο για την ιστορία της γειτονιάς μας"},
      {"ru", "Кто-нибудь знает, работает ли аптека в воскресенье?"},
      {"uk", "Дякую всім за привітання, це дуже приємно"},
      {"ja", "新しい記事を書きました、ぜひ読んでください"},
      {"zh", "今天天气很好，我们去公园散步吧"},
      {"ko", "오늘 날씨가 정말 좋네요, 산책하러 갈까요?"},
      {"ar", "انتهيت للتو من قراءة الكتاب وما زلت أفكر في النهاية"},
      {"he", "סיימתי עכשיו לקרוא את הספר ואני עדיין חושב על הסוף"},
  };
  for (const Sample& s : samples) {
    INFO(s.text);
    CHECK(detected(s.text) == s.lang);
  }
  // Capitals and punctuation inside words do not hide the words.
  CHECK(detected("NÃO ENTENDO POR QUE MUDAM OS HORÁRIOS DO ÔNIBUS TODO MÊS") == "pt");
  CHECK(detected("ΕΥΧΑΡΙΣΤΩ ΠΟΛΥ ΓΙΑ ΤΑ ΜΗΝΥΜΑΤΑ") == "el");
}

TEST_CASE("lang: too short, gibberish, or only links and tags is unknown", "[lang]") {
  for (const char* t : {"lol", "ok 👍", "https://example.com/x", "#tbt @friend", "asdf qwer zxcv uiop hjkl",
                        "zzzz brrr hmmm grrr", "xkcd 1234 abc def", "", "🔥🔥🔥", "de la"}) {
    INFO(t);
    CHECK(detected(t).empty());
    CHECK_FALSE(notwork::extract_features(post(t)).voice_known);
  }
}

TEST_CASE("lang: first and second person in each covered language", "[lang][voice]") {
  struct Voice {
    const char* lang;
    const char* text;
    bool first, plural, second;
  };
  const Voice cases[] = {
      {"en", "I finally finished the chapter", true, false, false},
      {"en", "We shipped the update today", false, true, false},
      {"en", "Have you tried the new bakery?", false, false, true},
      {"en", "Storm closes the main road near the coast", false, false, false},
      {"es", "Yo también estuve allí", true, false, false},
      {"es", "Acabo de terminar el libro", true, false, false},
      {"es", "Nosotros vamos mañana", false, true, false},
      {"es", "¿Tú qué opinas del final?", false, false, true},
      {"es", "El gobierno aprueba la nueva ley", false, false, false},
      {"pt", "Eu adoro a luz da tarde", true, false, false},
      {"pt", "Nós vamos jantar fora", false, true, false},
      {"pt", "Você viu o jogo ontem?", false, false, true},
      {"pt", "Governo anuncia novas regras para o aluguel", false, false, false},
      {"fr", "J'adore la lumière du soir", true, false, false},
      {"fr", "Nous allons dîner chez mes parents", true, true, false},
      {"fr", "Tu as vu le match hier soir ?", false, false, true},
      {"fr", "Le gouvernement présente une nouvelle loi", false, false, false},
      {"de", "Ich habe das Buch gelesen", true, false, false},
      {"de", "Wir suchen eine Wohnung", false, true, false},
      {"de", "Hast du das Spiel gesehen?", false, false, true},
      {"de", "Die Regierung stellt ein neues Gesetz vor", false, false, false},
      {"it", "Ho appena finito il libro", true, false, false},
      {"it", "Noi andiamo al mare", false, true, false},
      {"it", "Tu hai visto la partita?", false, false, true},
      {"it", "Il governo presenta la nuova legge", false, false, false},
      {"nl", "Ik heb het boek uit", true, false, false},
      {"nl", "Wij gaan morgen naar zee", false, true, false},
      {"nl", "Heb jij de wedstrijd gezien?", false, false, true},
      {"nl", "Het kabinet presenteert een nieuwe wet", false, false, false},
      {"el", "Η γάτα μου κοιμάται", true, false, false},
      {"el", "Εμείς πάμε για φαγητό", false, true, false},
      {"el", "Εσύ τι λες;", false, false, true},
      {"el", "Νέος νόμος για τη στέγαση", false, false, false},
  };
  for (const Voice& v : cases) {
    INFO(v.lang << ": " << v.text);
    auto f = in(v.lang, v.text);
    CHECK(f.voice_known);
    CHECK(f.first_person == v.first);
    CHECK(f.first_person_plural == v.plural);
    CHECK(f.second_person == v.second);
  }
  // Words of one language are not the voice of another: Italian "i" is an article, Portuguese
  // "os" an article (in Spanish "os" is "you").
  CHECK_FALSE(in("it", "Grazie per i messaggi").first_person);
  CHECK_FALSE(in("pt", "Obrigado pelos os votos").second_person);
  CHECK(in("es", "Os quiero mucho").second_person);
  // Detected, not given: the voice follows the detected language.
  auto f = notwork::extract_features(post("Ho appena finito il libro e continuo a pensare al finale"));
  CHECK(f.lang == "it");
  CHECK(f.first_person);
}

TEST_CASE("lang: voice_known only where the language is known and covered", "[lang][voice]") {
  CHECK(in("en", "Storm closes the main road").voice_known);
  CHECK(in("el", "Νέος νόμος για τη στέγαση").voice_known);
  for (const char* uncovered : {"tr", "pl", "ru", "ja", "sv"}) {
    auto f = in(uncovered, "Bugün hava çok güzel, parkta yürüyüş yaptık");
    INFO(uncovered);
    CHECK_FALSE(f.voice_known);
    // No voice words for it: a rule cannot read "no first or second person" as a headline.
    CHECK_FALSE(f.title_like);
  }
  auto detected_tr = notwork::extract_features(post("Bugün hava çok güzel ve biz de parkta bir yürüyüş yaptık"));
  CHECK(detected_tr.lang == "tr");
  CHECK_FALSE(detected_tr.voice_known);
  CHECK_FALSE(detected_tr.title_like);
  // Unknown language: as before languages were known, the English words are read, and an
  // English-looking headline is still a headline.
  auto unknown = notwork::extract_features(post("Storm closes I-95"));
  CHECK(unknown.lang.empty());
  CHECK_FALSE(unknown.voice_known);
  CHECK(unknown.title_like);
  CHECK(notwork::extract_features(post("Storm closes the main road near the coast")).title_like);
}
