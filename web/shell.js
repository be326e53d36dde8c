// Marks the navigation entry of the current page; features contribute entries, so the shell
// cannot know their pages in its stylesheet.
const page = document.body.dataset.page;
for (const link of document.querySelectorAll('.site-nav a[data-pages]')) {
  if (link.dataset.pages.split(' ').includes(page)) {
    link.setAttribute('aria-current', 'page');
  }
}
