// Starts GraphiQL in #graphiql with the endpoint and first query that the
// page gives in data attributes. It is a file rather than an inline script
// so that the page's Content-Security-Policy can forbid inline scripts.
(function () {
  'use strict';
  // GraphiQL's dialogs add a <style> element and give it this global's
  // value as its nonce; the policy admits the page's nonce, which only a
  // script can read (browsers hide the attribute from CSS and the DOM).
  var nonce = document.currentScript && document.currentScript.nonce;
  if (nonce) {
    window.__webpack_nonce__ = nonce;
  }
  var el = document.getElementById('graphiql');
  var fetcher = GraphiQL.createFetcher({ url: el.dataset.endpoint });
  ReactDOM.createRoot(el).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: el.dataset.query,
    }),
  );
})();
