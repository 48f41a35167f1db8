// Numbers as people read them ("1,234"). Dates never come here: they go through ~/utils/time.

const COUNT = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** "12,345" */
export const formatCount = (n: number): string => COUNT.format(n);
