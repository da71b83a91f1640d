// Reddit (www.reddit.com, old.reddit.com). All Reddit selectors live here.
// Reddit's web client is closed source. New Reddit ("shreddit") renders custom elements whose
// attributes carry the data; these are the selectors maintained public extensions and scripts
// target (checked 2026-12-01, see docs/sites.md): shreddit-post[author][permalink][post-title]
// [post-id][created-timestamp][content-href][subreddit-prefixed-name] with [slot="title"] and
// [slot="text-body"], shreddit-ad-post (promoted), shreddit-comment[author][thingid][depth]
// [permalink] with its text in [slot="comment"], faceplate-timeago[ts]. Old Reddit:
// .thing[data-author][data-fullname][data-permalink][data-type] > .entry with a.title,
// .usertext-body .md, .thing.promoted, the reply forms .usertext-edit textarea[name="text"].
// Self-promotion is Reddit's classic spam: links to the poster's own site (P2) and promotion
// in comments (P17) are what the core looks for; the adapter only reads the page.
'use strict';
(() => {
  const D = Notwork.dom;
  const SEL = {
    // New Reddit: the post element (comments live outside it); a comment's body (the element
    // itself holds its replies, so the body is the root that gets the badge).
    post: 'shreddit-post[author], shreddit-ad-post[author], shreddit-comment[author] > [slot="comment"], .thing[data-author][data-fullname] > .entry',
    newPost: 'shreddit-post, shreddit-ad-post',
    newComment: 'shreddit-comment',
    title: '[slot="title"], a[slot="full-post-link"]',
    body: '[slot="text-body"]',
    commentBody: '[slot="comment"]',
    time: 'faceplate-timeago[ts], time[datetime]',
    creditBar: '[slot="credit-bar"]',
    commentMeta: '[slot="commentMeta"]',
    // Old Reddit.
    thing: '.thing[data-author][data-fullname]',
    oldTitle: 'a.title',
    oldBody: '.usertext-body .md',
    oldTagline: '.tagline',
    // Composers: new Reddit's comment composer (a Lexical contenteditable inside the composer
    // element), the post form's title and body; old Reddit's markdown textareas.
    composer: 'shreddit-composer [contenteditable="true"], comment-composer-host [contenteditable="true"], .usertext-edit textarea[name="text"], #newlink textarea[name="title"], #newlink textarea[name="text"]',
    newComposer: 'shreddit-composer, comment-composer-host',
    oldComposer: '.usertext-edit',
    oldSubmit: '#newlink',
    // The logged-in user: old Reddit's header names them; new Reddit's header does not in text.
    oldUser: '#header-bottom-right .user a[href*="/user/"]',
    profileHeader: 'shreddit-profile-header, .titlebox h1, #header-bottom-left .pagename',
  };
  const HOSTS = new Set(['www.reddit.com', 'old.reddit.com', 'reddit.com', 'new.reddit.com', 'np.reddit.com']);
  // Reddit's own moderation bot posts on every subreddit's behalf.
  const PLATFORM_BOTS = new Set(['automoderator']);

  function onReddit(url) {
    try { return /(^|\.)reddit\.com$|(^|\.)redd\.it$/.test(new URL(url).hostname); } catch (_) { return false; }
  }

  function linkTarget(a) {
    // Old Reddit keeps the real target in href (data-outbound-url is its click tracker).
    const href = a.getAttribute('href') || '';
    if (href.startsWith('/')) return null; // users, subreddits, the post itself
    const u = D.httpUrl(href);
    return u && !onReddit(u) ? u : null;
  }

  function bodyLinks(el) {
    return el ? [...el.querySelectorAll('a[href]')].map(linkTarget) : [];
  }

  function absolute(permalink) {
    return permalink ? D.httpUrl(permalink, 'https://www.reddit.com/') : null;
  }

  function newPost(el) {
    const author = el.getAttribute('author');
    const permalink = el.getAttribute('permalink');
    const id = el.getAttribute('post-id') || el.getAttribute('id') || permalink;
    if (!author || !id) return null;
    const title = el.getAttribute('post-title') || D.text(el.querySelector(SEL.title));
    const bodyEl = el.querySelector(SEL.body);
    const body = D.richText(bodyEl);
    const links = bodyLinks(bodyEl);
    const target = el.getAttribute('content-href');
    if (target && !onReddit(absolute(target) || '')) links.unshift(D.httpUrl(target));
    const time = el.querySelector(SEL.time);
    const post = {
      key: 'reddit:' + id,
      id,
      site: 'reddit',
      kind: 'post',
      text: [title, body, links.length && !body.includes(links[0]) ? links[0] : ''].filter(Boolean).join('\n'),
      author,
      author_url: 'https://www.reddit.com/user/' + encodeURIComponent(author) + '/',
      created_at: D.iso(el.getAttribute('created-timestamp') || (time && (time.getAttribute('ts') || time.getAttribute('datetime')))),
      links: D.unique(links),
      is_reply: false,
    };
    if (el.localName === 'shreddit-ad-post') post.promoted = true;
    if (PLATFORM_BOTS.has(author.toLowerCase())) post.automated = true;
    return post;
  }

  function newComment(bodyEl) {
    const c = bodyEl.closest(SEL.newComment);
    const author = c && c.getAttribute('author');
    const id = c && (c.getAttribute('thingid') || c.getAttribute('id'));
    if (!author || !id) return null;
    const parent = c.parentElement && c.parentElement.closest(SEL.newComment);
    const time = [...c.querySelectorAll(SEL.time)].find((t) => t.closest(SEL.newComment) === c);
    const post = {
      key: 'reddit:' + id,
      id,
      site: 'reddit',
      kind: 'comment',
      text: D.richText(bodyEl),
      author,
      author_url: 'https://www.reddit.com/user/' + encodeURIComponent(author) + '/',
      created_at: D.iso(c.getAttribute('created') || (time && (time.getAttribute('ts') || time.getAttribute('datetime')))),
      links: D.unique(bodyLinks(bodyEl)),
      is_reply: !!parent,
    };
    if (parent && parent.getAttribute('author')) post.reply_to = parent.getAttribute('author');
    if (PLATFORM_BOTS.has(author.toLowerCase())) post.automated = true;
    return post;
  }

  function oldThing(entry) {
    const thing = entry.closest(SEL.thing);
    if (!thing) return null;
    const author = thing.getAttribute('data-author');
    const id = thing.getAttribute('data-fullname');
    const isComment = thing.getAttribute('data-type') === 'comment' || /^t1_/.test(id);
    const bodyEl = entry.querySelector(SEL.oldBody);
    const body = D.richText(bodyEl);
    const links = bodyLinks(bodyEl);
    const ts = Number(thing.getAttribute('data-timestamp'));
    const post = {
      key: 'reddit:' + id,
      id,
      site: 'reddit',
      kind: isComment ? 'comment' : 'post',
      author,
      author_url: 'https://www.reddit.com/user/' + encodeURIComponent(author) + '/',
      created_at: ts ? new Date(ts).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined,
    };
    if (isComment) {
      const parent = thing.parentElement && thing.parentElement.closest('.thing.comment[data-author]');
      post.text = body;
      post.is_reply = !!parent;
      if (parent) post.reply_to = parent.getAttribute('data-author');
    } else {
      const title = D.text(entry.querySelector(SEL.oldTitle));
      const url = thing.getAttribute('data-url');
      const target = url && D.httpUrl(url, 'https://old.reddit.com/');
      if (target && !onReddit(target)) links.unshift(target);
      post.text = [title, body, links.length && !body.includes(links[0]) ? links[0] : ''].filter(Boolean).join('\n');
      post.is_reply = false;
      if (thing.classList.contains('promoted') || thing.getAttribute('data-promoted') === 'true') post.promoted = true;
    }
    post.links = D.unique(links);
    if (PLATFORM_BOTS.has(String(author).toLowerCase())) post.automated = true;
    return post;
  }

  function extract(el) {
    if (el.matches(SEL.newPost)) return newPost(el);
    if (el.matches(SEL.commentBody)) return newComment(el);
    if (el.matches('.entry')) return oldThing(el);
    return null;
  }

  function composerKind(el) {
    if (el.closest(SEL.oldSubmit) || /\/submit\/?$/.test(location.pathname)) return 'post';
    if (el.closest(SEL.newComposer)) return el.closest(SEL.newComment) ? 'reply' : 'comment';
    return el.closest('.thing.comment') ? 'reply' : 'comment';
  }

  function profileName(loc) {
    const m = /^\/(?:user|u)\/([A-Za-z0-9_-]{3,20})\/?(?:$|submitted|comments|overview)/.exec(loc.pathname);
    return m ? m[1] : null;
  }

  Notwork.adapters.register({
    id: 'reddit',
    matches(loc) { return HOSTS.has(loc.hostname); },
    findPosts(root) { return D.within(root, SEL.post); },
    extract,
    badgeAnchor(el) {
      if (el.matches(SEL.newPost)) return el.querySelector(SEL.creditBar) || el;
      if (el.matches('.entry')) return el.querySelector(SEL.oldTagline) || el;
      return el; // a new comment's body: the badge follows the text
    },
    composers: {
      find(root) { return D.within(root, SEL.composer); },
      readDraft(el) {
        if (el.localName === 'textarea') return el.value || '';
        return (el.innerText !== undefined ? el.innerText : el.textContent || '').trim();
      },
      kind: composerKind,
      replyContext(el) {
        const c = el.closest(SEL.newComment);
        const body = c && [...c.querySelectorAll(SEL.commentBody)].find((b) => b.closest(SEL.newComment) === c);
        const thing = !c && el.closest('.thing.comment');
        const p = body ? newComment(body) : thing ? oldThing(thing.querySelector(':scope > .entry')) : null;
        return p ? { author: p.author, text: p.text } : null;
      },
      anchor(el) { return el.closest(SEL.newComposer) || el.closest(SEL.oldComposer) || el.parentElement || el; },
    },
    currentUser(loc, doc) {
      const a = doc.querySelector(SEL.oldUser);
      const m = a && /\/user\/([A-Za-z0-9_-]+)/.exec(a.getAttribute('href') || '');
      return m ? m[1] : null;
    },
    profile: {
      isProfilePage(loc) { return !!profileName(loc); },
      handle(loc) { return profileName(loc); },
    },
    linkTarget,
    /** Every selector this adapter uses, for the selector-health suite. */
    selectors: SEL,
  });
})();
