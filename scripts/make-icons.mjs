// Renders the app's PNG icons from the SVGs in public/icons/ with Debian's Chromium (run it after
// changing an SVG; the PNGs are committed): node scripts/make-icons.mjs [path to chromium]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = resolve(fileURLToPath(new URL('../public/icons', import.meta.url)));
const executablePath = process.argv[2] ?? process.env.CHROMIUM ?? '/usr/bin/chromium';
const icons = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512 },
  { svg: 'icon-maskable.svg', png: 'icon-maskable-512.png', size: 512 },
  { svg: 'icon.svg', png: 'apple-touch-icon-180.png', size: 180, opaque: true },
];

const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const { svg, png, size, opaque } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const markup = readFileSync(join(dir, svg), 'utf8');
    // iOS fills transparent corners with black: its icon gets the background colour behind it.
    const background = opaque ? '#0f5c8c' : 'transparent';
    await page.setContent(
      `<html><body style="margin:0;background:${background}"><img src="data:image/svg+xml;base64,${Buffer.from(markup).toString('base64')}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: join(dir, png), omitBackground: !opaque, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`public/icons/${png} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
