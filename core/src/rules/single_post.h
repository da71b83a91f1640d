// Helpers shared by the single-post rules (headline.cc, genuine_share.cc, mentions.cc):
// facts about one post's shape that need no author history and no word list.
#pragma once

#include <string>

#include "notwork/engine.h"
#include "notwork/features.h"
#include "notwork/post.h"

namespace notwork::rules {

// The text ends, before its trailing links and hashtags, with a source name the way copied
// headlines do: "Title | Outlet", "Title - Site", "Title — Site", "Title via Site", "Title
// (via @outlet)". The source is 1–5 capitalised words (or a domain, or an @handle) of at most
// 40 bytes; the title before it has at least 3 words. *source gets the name.
bool headline_source(const Features& f, std::string* source);

// Headline capitalisation: at least 3 words of 4+ letters and 60% of them capitalised,
// without shouting in capitals ("Four Corners Hit With First Winter Storm").
bool headline_case(const Features& f);

// How many @mentions open the text (".@x" counts), and the handles among them (lowercased).
int leading_mentions(const Features& f, std::string* handles = nullptr);

// Own words written before an "RT @someone" inside the text ("Love this! RT @x: …"), or
// before a quoted re-share ("A proposito “@x: …”").
bool comment_before_retweet(const Features& f);

// Own words to everyone, of any kind: not a reply or a re-share, and not a text opening with
// someone's @name.
bool own_words_to_all(const RuleInput& in);
// A post of one's own to one's followers (own_words_to_all, and a post: not a comment, draft
// or message): headlines, feeds and section tags are read only there.
bool broadcast_post(const RuleInput& in);

// The post is written by an app's share template (P3.share_footprint's words).
bool app_template(const RuleInput& in);
// Builds the call-to-action lexicon (with the rules, so that it joins the shared scan).
void prepare_calls_to_action();
// The post calls the reader to act (the cta lexicons' words, cta.cc).
bool calls_to_action(const RuleInput& in);
// The strongest call to action of the six languages' lexicons (0 if none), its phrase and the
// capped sum of the distinct calls (cta.cc).
double strongest_call_to_action(const RuleInput& in, std::string* phrase, double* total);

}  // namespace notwork::rules
