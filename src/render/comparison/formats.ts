/** The formats of `podtrail compare`, in their own module so that the command line names them without loading the renderers. */
export const COMPARE_FORMATS = ["text", "json", "markdown", "html"] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];
