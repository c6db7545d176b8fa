/**
 * The community's seal for the print page: a round red seal as an SVG data URL — a ring, a
 * five-pointed star in the middle, the community's name along the upper arc and 志愿服务专用章
 * beneath the star. Pure: the same name gives the same image.
 */

const RED = '#d7000f'
const SIZE = 200
const C = SIZE / 2
/** The baseline of the name runs on this circle, inside the ring. */
const TEXT_RADIUS = 64
const NAME_FONT = 24

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!)

const round = (n: number) => Math.round(n * 100) / 100

/** A point `angle` degrees clockwise from the top, at radius r. */
function at(angle: number, r: number): [number, number] {
  const rad = (angle * Math.PI) / 180
  return [round(C + r * Math.sin(rad)), round(C - r * Math.cos(rad))]
}

function star(r: number): string {
  const points: string[] = []
  for (let i = 0; i < 10; i++) {
    const [x, y] = at(i * 36, i % 2 === 0 ? r : r * 0.382)
    points.push(`${x},${y}`)
  }
  return points.join(' ')
}

/** The seal's SVG markup for a community name. */
export function communitySealMarkup(communityName: string): string {
  const name = [...communityName.trim()].slice(0, 24).join('')
  const chars = [...name].length
  // About 30° per character, between a third and two thirds of the circle.
  const span = Math.min(250, Math.max(110, chars * 30))
  const [x0, y0] = at(-span / 2, TEXT_RADIUS)
  const [x1, y1] = at(span / 2, TEXT_RADIUS)
  const arcLength = round(((TEXT_RADIUS * span * Math.PI) / 180) * 0.98)
  const large = span > 180 ? 1 : 0
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}">`,
    `<title>${escapeXml(name)}</title>`,
    `<defs><path id="arc" d="M ${x0} ${y0} A ${TEXT_RADIUS} ${TEXT_RADIUS} 0 ${large} 1 ${x1} ${y1}"/></defs>`,
    `<g fill="${RED}" stroke="none" font-family="'Songti SC','STSong','SimSun','Noto Serif CJK SC','Noto Sans CJK SC',serif" font-weight="700">`,
    `<circle cx="${C}" cy="${C}" r="92" fill="none" stroke="${RED}" stroke-width="6"/>`,
    `<polygon points="${star(30)}"/>`,
    `<text font-size="${NAME_FONT}"><textPath href="#arc" startOffset="0" textLength="${arcLength}" lengthAdjust="spacing">${escapeXml(name)}</textPath></text>`,
    `<text x="${C}" y="${C + 56}" font-size="15" text-anchor="middle">志愿服务专用章</text>`,
    `</g></svg>`,
  ].join('')
}

/** The seal as a data URL an <img> can show (and print). */
export function communitySealSvg(communityName: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(communitySealMarkup(communityName), 'utf8').toString('base64')}`
}
