/** Colour contrast as the shopper sees it, for tests that check text stays readable in any theme (WCAG 2). */

/** Any CSS colour as sRGB bytes and alpha, through a canvas (computed colours may be rgb(), color(srgb…) or others). */
export function rgba(color: string): [number, number, number, number] {
  const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!, a! / 255];
}

const over = ([r, g, b, a]: number[], [br, bg, bb]: number[]) => [r! * a! + br! * (1 - a!), g! * a! + bg! * (1 - a!), b! * a! + bb! * (1 - a!)];

/** What a box's background looks like: its own, over each ancestor's (across shadow roots), over a white page. */
function backdrop(node: Element): number[] {
  const layers: number[][] = [];
  for (let at: Element | null = node; at; at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host ?? null)) {
    layers.push(rgba(getComputedStyle(at).backgroundColor));
  }
  return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255]);
}

/** WCAG 2 relative luminance of sRGB bytes. */
const luminance = (rgb: number[]) => {
  const channel = (value: number) => ((value /= 255) <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4);
  return 0.2126 * channel(rgb[0]!) + 0.7152 * channel(rgb[1]!) + 0.0722 * channel(rgb[2]!);
};

const contrast = (a: number[], b: number[]) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};

/** The contrast ratio of an element's first text as drawn (text-fill-color, which defaults to the text colour) on the background behind it. */
export function textContrast(element: Element): number {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let text = walker.nextNode();
  while (text && !text.nodeValue!.trim()) text = walker.nextNode();
  const holder = text!.parentElement!;
  const background = backdrop(holder);
  return contrast(over(rgba(getComputedStyle(holder).webkitTextFillColor), background), background);
}
