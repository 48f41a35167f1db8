/** The charts' viewBox: close to a phone's width, so labels stay legible when the chart is scaled to fit. */
export const CHART_BOX = { width: 360, height: 200, top: 12, right: 12, bottom: 28, left: 52 } as const;
