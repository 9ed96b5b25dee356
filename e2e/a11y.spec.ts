import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { trainButton } from './helpers';
import { openTinyRun, trainTinyRun } from './tiny-run';

// The tiny run on 32 metric samples: seconds, not minutes, even under load.
const TINY = { evalSamples: '32' };

test('axe: no serious or critical violation on the main page after a tiny training', async ({
  page,
}) => {
  await trainTinyRun(page, TINY);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(serious).toEqual([]);
});

/** Marks every enabled, visible, tabbable control and returns how many there are. */
async function markControls(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, [tabindex]';
    const radioGroups = new Set<string>();
    const keys: string[] = [];
    document.querySelectorAll<HTMLElement>(selector).forEach((el, i) => {
      const disabled = (el as HTMLInputElement).disabled;
      const visible = el.checkVisibility({ visibilityProperty: true }) || el.closest('label');
      if (disabled || el.tabIndex < 0 || !visible) return;
      // Tab stops once per radio group; arrow keys move within it.
      const radio = el instanceof HTMLInputElement && el.type === 'radio';
      const key = radio ? `radio:${el.name}` : `el:${i}`;
      el.dataset.a11yKey = key;
      if (radio && radioGroups.has(key)) return;
      if (radio) radioGroups.add(key);
      keys.push(key);
    });
    return keys;
  });
}

test('keyboard: Tab reaches every control, each with a visible focus ring', async ({ page }) => {
  await openTinyRun(page, TINY);
  await expect(trainButton(page)).toBeEnabled();
  const expected = await markControls(page);
  expect(expected.length).toBeGreaterThan(10);
  const reached = new Map<string, boolean>();
  for (let i = 0; i < expected.length + 20 && reached.size < expected.length; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el?.dataset.a11yKey) return null;
      // A visually hidden input shows its ring on its label.
      const ringOn = (node: Element) => {
        const s = getComputedStyle(node);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        return outline || s.boxShadow !== 'none';
      };
      const label = el.closest('label');
      return { key: el.dataset.a11yKey, ring: ringOn(el) || (!!label && ringOn(label)) };
    });
    if (focus) reached.set(focus.key, (reached.get(focus.key) ?? true) && focus.ring);
  }
  expect(expected.filter((k) => !reached.has(k))).toEqual([]);
  expect([...reached].filter(([, ring]) => !ring).map(([k]) => k)).toEqual([]);
});

// Panels contain their paint (content-visibility skips the ones out of view): a tip that reaches
// past its panel must still be drawn, and hit, whole.
test('an info tip reaching past its panel is drawn whole', async ({ page }) => {
  await openTinyRun(page, TINY);
  await page.getByRole('button', { name: 'About Points along t', exact: true }).focus();
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  const geometry = await tip.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const panel = el.closest('section')!.getBoundingClientRect();
    const hit = (x: number, y: number) => el.contains(document.elementFromPoint(x, y));
    const midY = (box.top + box.bottom) / 2;
    return {
      pastPanel: box.right - panel.right,
      rightEdge: hit(box.right - 8, midY),
      bottomEdge: hit((box.left + box.right) / 2, box.bottom - 3),
    };
  });
  expect(geometry.pastPanel).toBeGreaterThan(40);
  expect(geometry).toMatchObject({ rightEdge: true, bottomEdge: true });
});
