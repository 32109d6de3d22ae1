// A framework-free single-page app: the router swaps #view without reloading. Elements in a new view load
// and fetch on sight (the CDN loader watches the document); their data comes from the page's one store, so
// navigating back and forth makes no new requests. Sign-in and sign-out change the shopper without a reload.
const views = {
  '/': () => '<h1>Home</h1><omneo-tier-progress></omneo-tier-progress>',
  '/account': () => '<h1>Your rewards</h1><omneo-points-balance></omneo-points-balance><omneo-reward-wallet></omneo-reward-wallet>',
};

function render(path) {
  document.querySelector('#view').innerHTML = (views[path] ?? views['/'])();
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-link]');
  if (!link) return;
  event.preventDefault();
  history.pushState(null, '', link.getAttribute('href'));
  render(location.pathname);
});
window.addEventListener('popstate', () => render(location.pathname));

// Your app's auth calls these once its own session has changed (the token endpoint reads that session).
async function signedOut() {
  window.OmneoWidgets.logout(); // forgets the token and cached data; elements show their guest state
}
async function signedIn() {
  await window.OmneoWidgets.refresh(); // a new token for the new session, fresh data for every element
}
document.querySelector('#sign-out').addEventListener('click', () => signedOut());
document.querySelector('#sign-in').addEventListener('click', () => signedIn());

render(location.pathname);
