// Features derived from one post in a few passes over its text: links (also obfuscated
// ones), domains, mentions, hashtags, words of the author's own, voice and shape.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "notwork/post.h"

namespace notwork {

struct Link {
  std::string url;       // as found (or given)
  std::string host;      // lowercased, no "www."
  std::string domain;    // approximate registrable domain ("bbc.co.uk", "murdev.com")
  std::string path;      // path + query, as given
  bool shortener = false;
  bool obfuscated = false;  // written to dodge link detection ("example . com", "[.]")
  bool bare = false;        // a bare domain without a scheme ("murdev.com")
  // The author's own site (P2): the domain of the author's URL (on a platform: the
  // author's page there), or a domain whose main label matches the handle or display name
  // (at least 4 letters/digits). Never a shortener.
  bool own = false;
  // A host for the poster's own photo, video, live stream, location or long text
  // (twitpic.com, instagram.com/p/…, twitcam.com, plurk.com, tl.gd, …): what the link shows
  // is theirs, not someone's article, so the words before it are a caption, not a headline.
  bool own_media = false;
};

struct Features {
  // The (sanitised, bounded) text, normalised for the lexicons (normalize.h: full-width and
  // "fancy" letters folded, look-alikes in Latin words, invisible characters removed). The
  // post's own text (Post::text) is left as it was written.
  std::string text;
  std::string own_words;   // text without URLs, mentions, hashtags, lowercased
  std::vector<Link> links;
  std::vector<std::string> mentions;  // lowercased
  std::vector<std::string> hashtags;  // lowercased
  int words = 0;           // all word tokens
  int own_word_count = 0;  // word tokens of one's own (not URL/mention/hashtag)
  int emoji = 0;
  int letters = 0, upper = 0;
  double caps_ratio = 0;   // upper / letters (0 when fewer than 8 letters)
  int questions = 0;       // '?' ending a clause
  int exclamations = 0;
  // Sentence shape, in any language: a full stop after a word of 3+ letters followed by
  // another word starts a new sentence; one after the last word ends the text with a full
  // stop (links and hashtags may follow). Headlines are one sentence with no full stop.
  int sentence_breaks = 0;
  bool ends_with_period = false;
  // Language and voice (core/src/lang/lang.h, docs/languages.md).
  std::string lang;            // ISO 639-1: the post's own (Post::lang), else detected, else ""
  bool lang_given = false;     // lang came from the page / input, not from the detector
  // Voice words of `lang` when it is covered (en, es, pt, fr, de, it, nl, el:
  // core/src/lexicons/<lang>/voice.inc); of English otherwise, as before languages were known.
  bool first_person = false;         // singular: I, me, my, I'm / yo, mi / je, j' / ich / io, ho ...
  bool first_person_plural = false;  // we, our / nosotros / nous, on / wir / noi ...
  bool second_person = false;        // you, your / tú, usted / tu, vous / du / tu, voi ...
  // The post's language is known and its voice words are listed: only then does the absence
  // of first and second person say something (a rule inferring "no voice" abstains otherwise).
  bool voice_known = false;
  bool starts_with_mention = false;
  bool retweet = false;    // starts "RT @"
  bool ends_with_link = false;
  bool ellipsis_before_link = false;
  bool link_only = false;  // links and no words of one's own (<= 1 word)
  // Reads like a headline: words, no voice (no I/you, no ?/!), one sentence without a full
  // stop. Never for a known language without voice words (it cannot be told); for an unknown
  // one, by the English words. Never a caption: words before links that all show the
  // poster's own media (Link::own_media).
  bool title_like = false;
  // Fingerprints for context (deterministic 64-bit FNV-1a based).
  uint64_t exact_hash = 0;     // normalised text (letters/digits only)
  uint64_t skeleton_hash = 0;  // shape: words/URLs/mentions/hashtags/punctuation abstracted
  std::string skeleton;        // e.g. "W U U"
  static constexpr int kMinHashes = 16;
  uint32_t minhash[kMinHashes] = {};  // over word unigrams+bigrams of own words
  int shingles = 0;                   // 0 -> minhash is empty
  // What the normaliser changed in the text (normalize.h).
  int folded_chars = 0;      // compatibility characters folded: full-width, 𝐛𝐨𝐥𝐝, ⓒⓘⓡⓒⓛⓔⓓ, ligatures
  int confusable_chars = 0;  // Cyrillic/Greek/Armenian look-alikes folded inside Latin words
  int invisible_chars = 0;   // invisible characters removed from inside words (zero-width, soft hyphen)
  int disguised_links = 0;   // links of the text written with such characters (also Link::obfuscated)
};

Features extract_features(const Post& post);
// The same into an existing Features, whose strings and lists keep their capacity (a batch
// reuses its Features from post to post without allocating).
void extract_features(const Post& post, Features* out);
// Compiles the link patterns now rather than on the first post (notwork::prepare_step()).
void prepare_features();

// Similarity estimate (0..1) of two minhash signatures.
double minhash_similarity(const uint32_t* a, const uint32_t* b);

// Lowercased host (no "www.") -> approximate registrable domain.
std::string registrable_domain(const std::string& host);

// Platforms everyone links to and has a page on (youtube.com, x.com, ...): a link there is
// the author's own only when it points at the author's page, not for the domain alone.
bool is_platform(std::string_view domain);

}  // namespace notwork
