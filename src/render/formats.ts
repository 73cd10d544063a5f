/** The report formats, in their own module so that the command line names them without loading the renderers. */
export const OUTPUT_FORMATS = ["text", "json", "markdown", "csv", "html", "ndjson", "openmetrics", "junit", "kube-burner", "clusterloader2"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The tables `-o csv` writes (`--csv TABLE`): one per kind of row (docs/spec.md §8.4). */
export const CSV_TABLES = ["pods", "failures", "containers", "groups"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];
