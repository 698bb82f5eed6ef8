package io.tapbus.rules;

/**
 * Something wrong with a decision's rule files.
 *
 * @param decision the decision folder name
 * @param file     the file, relative to the decisions folder (e.g. {@code tap-authorize/tap-authorize.drl});
 *                 the decision folder itself when the problem is not about one file
 * @param line     line of a DRL or CSV file, row of a spreadsheet; 0 when not tied to a line
 * @param message  what is wrong, on one line
 */
public record RuleProblem(String decision, String file, int line, String message) {

    /** {@code file:line: message}, the form editors and terminals link to. */
    public String describe() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
