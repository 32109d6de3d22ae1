/*
 * Stand-ins, written after what they do in a shopper's browser, for the two things that insert the widgets' script
 * on many storefronts: Google Tag Manager's Custom HTML tag and a consent manager's script blocking.
 *
 * GTM (gtm.js, the container's __html tag): when a container is published, GTM compiles each tag's HTML. A <script>
 * without a type, or of type text/javascript, becomes type="text/gtmscript" (its src moved to data-gtmsrc); a script
 * of any other type (application/ld+json, module, application/javascript) is kept as written. In the shopper's
 * browser, at the tag's trigger, GTM parses the HTML with innerHTML (so none of its scripts can run by itself) and
 * appends the nodes to <body> one at a time: a text/gtmscript script is re-created as a classic script (async false,
 * type text/javascript, its id, text and src, nothing else), and the next node waits for its load when it has a src;
 * every other node, scripts of other types included, is appended as parsed: inert. "Support document.write" routes
 * document.write during the tag into the same insertion.
 *
 * Consent manager (vanilla-cookieconsent 3's documented behaviour, and what the "Cannot use import statement outside
 * a module" reports describe): a script blocked as <script type="text/plain" data-category="…"> is re-created when
 * the shopper consents, every attribute copied, its type from data-type when given, else none (a classic script).
 *
 * Tests set window.__e2eTags = [{ html, trigger: 'dom' | 'load', supportDocumentWrite }] before the page loads;
 * {{Omneo config}} in a tag's HTML is the value of the page's e2e-tag-variable block, as a GTM variable would be.
 */
(function () {
  function compile(html) {
    var template = document.createElement('template');
    template.innerHTML = html;
    template.content.querySelectorAll('script').forEach(function (script) {
      var type = (script.getAttribute('type') || '').trim().toLowerCase();
      if (type && type !== 'text/javascript') return;
      script.setAttribute('type', 'text/gtmscript');
      if (script.hasAttribute('src')) {
        script.setAttribute('data-gtmsrc', script.getAttribute('src'));
        script.removeAttribute('src');
      }
    });
    return template.innerHTML;
  }

  function insertNodes(parent, nodes, done) {
    return function next() {
      if (nodes.length === 0) return done();
      var node = nodes.shift();
      var then = insertNodes(parent, nodes, done);
      if (node.nodeName === 'SCRIPT' && node.type === 'text/gtmscript') {
        var script = document.createElement('script');
        script.async = false;
        script.type = 'text/javascript';
        script.id = node.id;
        script.text = node.text || node.textContent || node.innerHTML || '';
        var src = node.getAttribute('data-gtmsrc');
        if (src) {
          script.src = src;
          script.onload = script.onerror = then;
        }
        parent.insertBefore(script, null);
        if (!src) then();
      } else if (node.innerHTML && node.innerHTML.toLowerCase().indexOf('<script') >= 0) {
        var children = [];
        while (node.firstChild) children.push(node.removeChild(node.firstChild));
        parent.insertBefore(node, null);
        insertNodes(node, children, then)();
      } else {
        parent.insertBefore(node, null);
        then();
      }
    };
  }

  function fire(tag) {
    var variable = document.getElementById('e2e-tag-variable').textContent;
    var html = compile(tag.html.split('{{Omneo config}}').join(variable));
    var holder = document.createElement('div');
    holder.innerHTML = 'A<div>' + html + '</div>';
    holder = holder.lastChild;
    var nodes = [];
    while (holder.firstChild) nodes.push(holder.removeChild(holder.firstChild));
    var write = document.write;
    if (tag.supportDocumentWrite) {
      document.write = function () {
        var written = document.createElement('div');
        written.innerHTML = 'A<div>' + compile(Array.prototype.join.call(arguments, '')) + '</div>';
        written = written.lastChild;
        while (written.firstChild) nodes.unshift(written.removeChild(written.lastChild));
      };
    }
    insertNodes(document.body, nodes, function () {
      document.write = write;
      window.__e2eTagsDone = (window.__e2eTagsDone || 0) + 1;
    })();
  }

  var tags = window.__e2eTags || [];
  document.addEventListener('DOMContentLoaded', function () {
    tags.filter(function (tag) { return tag.trigger === 'dom'; }).forEach(fire);
  });
  window.addEventListener('load', function () {
    tags.filter(function (tag) { return tag.trigger !== 'dom'; }).forEach(fire);
  });

  window.__e2eConsent = function (category) {
    document.querySelectorAll('script[type="text/plain"][data-category="' + category + '"]').forEach(function (blocked) {
      var script = document.createElement('script');
      Array.prototype.forEach.call(blocked.attributes, function (attribute) {
        if (attribute.name !== 'type') script.setAttribute(attribute.name, attribute.value);
      });
      var type = blocked.getAttribute('data-type');
      if (type) script.type = type;
      script.text = blocked.text;
      blocked.replaceWith(script);
    });
  };
})();
