/**
 * What a person would see as a broken screen, measured in the page: the page scrolls sideways, a
 * control or text sits (partly) outside the box that holds it, a header label or a column heading
 * breaks over too many lines, and, on Vietnamese pages, English words or internal ids. Each problem
 * names the element so a failure says where to look; the screenshot beside it shows it.
 */
import type { Page } from 'playwright-core';

export interface LayoutOptions {
  /** The page's language: Vietnamese pages are also read for English and ids. */
  lang: 'vi' | 'en';
  /** Texts that must never appear (e.g. questionnaire ids). */
  forbidden?: readonly string[];
}

export async function layoutProblems(page: Page, options: LayoutOptions): Promise<string[]> {
  return page.evaluate(({ lang, forbidden }) => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    const describe = (el: Element): string => {
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `<${el.tagName.toLowerCase()}${id}${cls}>${text ? ` “${text}”` : ''}`;
    };
    const shown = (el: Element): boolean => {
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return false;
      const r = el.getBoundingClientRect();
      // Text kept for screen readers only (clipped to 1 px) is not seen.
      if (r.width <= 1 && r.height <= 1) return false;
      return true;
    };

    // 1. No sideways scroll of the page.
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > width + 1) {
      // Name the elements that reach past the right edge (the deepest ones).
      const wide = [...document.body.querySelectorAll('*')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.right > width + 1 && r.width > 0 && ![...el.children].some((c) => c.getBoundingClientRect().right > width + 1);
      });
      problems.push(`the page is ${scrollWidth} px wide in a ${width} px window: ${wide.slice(0, 4).map(describe).join(', ')}`);
    }

    // 2. Controls and texts inside their box. The box is the nearest container; an ancestor that
    //    scrolls or clips on its own (a table in a scrolling frame) is the box instead.
    const CONTAINERS = '[data-question], .card, fieldset, article, section, header, nav, dialog, li, td, th, form, main';
    const items = document.querySelectorAll(
      'input:not([type="hidden"]), select, textarea, button, a[href], label, .unit, h1, h2, h3, summary, th, td, dd, dt, p',
    );
    for (const el of items) {
      if (!shown(el)) continue;
      // A radio or checkbox drawn by its label is checked through the label.
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox') && getComputedStyle(el).opacity === '0') continue;
      let box: Element | null = el.parentElement;
      while (box && box !== document.body) {
        const style = getComputedStyle(box);
        if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) break;
        if (box.matches(CONTAINERS) && shown(box)) break;
        box = box.parentElement;
      }
      const r = el.getBoundingClientRect();
      if (r.left < -1 || r.right > width + 1) {
        // Inside a frame that scrolls sideways (the section strip, a wide table) it is reached by scrolling.
        let scrolls = false;
        for (let a = el.parentElement; a && !scrolls; a = a.parentElement) scrolls = ['auto', 'scroll'].includes(getComputedStyle(a).overflowX);
        if (!scrolls) problems.push(`${describe(el)} is outside the window (${Math.round(r.left)}–${Math.round(r.right)} of ${width} px)`);
      }
      if (!box || box === document.body) continue;
      const style = getComputedStyle(box);
      if (['auto', 'scroll'].includes(style.overflowX)) continue; // reached by scrolling its frame
      const b = box.getBoundingClientRect();
      if (r.left < b.left - 1 || r.right > b.right + 1) {
        problems.push(`${describe(el)} sticks out of ${describe(box)} (${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(b.left)}–${Math.round(b.right)})`);
      }
    }

    // 3. Labels that break: header and navigation labels on one line, column headings on three.
    // The lines of the longest run of text (an element may hold a title and a subtitle as blocks).
    const lines = (el: Element): number => {
      let most = 0;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        most = Math.max(most, tops.size);
      }
      return most;
    };
    for (const el of document.querySelectorAll('header a, header button, nav a, .lang-switch button')) {
      if (shown(el) && lines(el) > 1) problems.push(`${describe(el)} breaks over ${lines(el)} lines`);
    }
    for (const el of document.querySelectorAll('th')) {
      const most = el.closest('thead') ? 3 : 4;
      if (shown(el) && lines(el) > most) problems.push(`${describe(el)} breaks over ${lines(el)} lines`);
    }

    // 4. What a Vietnamese page must not show: English words, ids.
    const text = document.body.innerText;
    if (lang === 'vi') {
      // Whole words only: a code such as the-duc-the-thao (data, shown beside its name) is not English.
      const english = /(?<![-\p{L}\d_])(the|and|of|with|link|self-administered|interview|device|please|not yet|yes|no|survey|download|sign out|log out)(?![-\p{L}\d_])/giu;
      const found = new Set((text.match(english) ?? []).map((w) => w.toLowerCase()));
      if (found.size > 0) problems.push(`English on a Vietnamese page: ${[...found].join(', ')}`);
    }
    for (const f of forbidden) if (text.includes(f)) problems.push(`the page shows the internal text “${f}”`);
    return problems;
  }, { lang: options.lang, forbidden: options.forbidden ?? [] });
}
