package dev.docpipe.readmodel;

/**
 * What one {@link DocumentProjector#apply} call did.
 *
 * @param applied events folded into a row, the {@code unparked} ones included
 * @param duplicates events the row already reflected (version &lt;= row version): skipped
 * @param gaps events that do not follow the row's version directly (an earlier event is missing): parked until
 *     the missing one arrives
 * @param invalid events the fold refused (e.g. a first event that is not DocumentRegistered): skipped
 * @param documentsWritten rows inserted or updated
 * @param unparked parked events folded because the event they waited for arrived (a repaired gap)
 */
public record ProjectionResult(int applied, int duplicates, int gaps, int invalid, int documentsWritten,
        int unparked) {
    public static final ProjectionResult NONE = new ProjectionResult(0, 0, 0, 0, 0, 0);

    public ProjectionResult plus(ProjectionResult other) {
        return new ProjectionResult(applied + other.applied, duplicates + other.duplicates, gaps + other.gaps,
                invalid + other.invalid, documentsWritten + other.documentsWritten, unparked + other.unparked);
    }
}
