window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : { "initial" : { "editTweetIds" : [ "1050118621198921728" ], "editableUntil" : "2018-10-10T21:19:24.000Z", "editsRemaining" : "5", "isEditEligible" : true } },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ { "text" : "rustlang", "indices" : [ "70", "79" ] } ],
        "symbols" : [ ],
        "user_mentions" : [ { "name" : "Jane Doe", "screen_name" : "janedoe", "indices" : [ "43", "51" ], "id_str" : "1111", "id" : "1111" } ],
        "urls" : [ { "url" : "https://t.co/AbCdEf1234", "expanded_url" : "https://janedoe.dev/posts/borrow-checker", "display_url" : "janedoe.dev/posts/borrow-c…", "indices" : [ "80", "103" ] } ]
      },
      "display_text_range" : [ "0", "103" ],
      "favorite_count" : "3",
      "id_str" : "1050118621198921728",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1050118621198921728",
      "created_at" : "Wed Oct 10 20:19:24 +0000 2018",
      "favorited" : false,
      "full_text" : "The clearest explanation I have read, by @janedoe &amp; worth it: #rustlang https://t.co/AbCdEf1234",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : { "hashtags" : [ ], "symbols" : [ ], "user_mentions" : [ { "name" : "Bob", "screen_name" : "bob_b", "indices" : [ "0", "6" ], "id_str" : "2222", "id" : "2222" } ], "urls" : [ ] },
      "display_text_range" : [ "7", "40" ],
      "favorite_count" : "0",
      "in_reply_to_status_id_str" : "1050100000000000000",
      "id_str" : "1050200000000000000",
      "in_reply_to_user_id" : "2222",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1050200000000000000",
      "in_reply_to_status_id" : "1050100000000000000",
      "created_at" : "Thu Oct 11 01:05:00 -0230 2018",
      "favorited" : false,
      "full_text" : "@bob_b Thanks! Does it work with &lt;async&gt; too?",
      "lang" : "en",
      "in_reply_to_screen_name" : "bob_b",
      "in_reply_to_user_id_str" : "2222"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://buffer.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [ ], "symbols" : [ ],
        "user_mentions" : [ { "name" : "News Desk", "screen_name" : "newsdesk", "indices" : [ "3", "12" ], "id_str" : "3333", "id" : "3333" } ],
        "urls" : [ { "url" : "https://t.co/XyZ987", "expanded_url" : "https://news.example.com/story/1", "display_url" : "news.example.com/story/1", "indices" : [ "40", "63" ] } ],
        "media" : [ { "url" : "https://t.co/PhOtO1", "expanded_url" : "https://twitter.com/newsdesk/status/1/photo/1", "type" : "photo", "indices" : [ "64", "87" ] } ]
      },
      "id_str" : "1050300000000000000",
      "id" : "1050300000000000000",
      "created_at" : "Fri Oct 12 23:59:59 +0000 2018",
      "full_text" : "RT @newsdesk: Big storm on the way https://t.co/XyZ987 https://t.co/PhOtO1",
      "lang" : "en"
    }
  },
  { "like" : { "tweetId" : "1" } }
]
