package io.tapbus.rules;

import io.tapbus.rules.scenario.ScenarioRunner;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.tapbus.rules.TestDecisions.TAP;
import static io.tapbus.rules.TestDecisions.tap;
import static io.tapbus.rules.TestDecisions.tapFile;
import static org.assertj.core.api.Assertions.assertThat;

/** Analysts who prefer Excel: the same tap limits as an .xlsx table decide the same. */
class SpreadsheetDecisionTableTest {

    /** Writes the rows of the shipped CSV table (simple CSV: quotes only around cells with commas) as an xlsx. */
    static void csvToXlsx(Path csv, Path xlsx, String replaceFrom, String replaceTo) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            Sheet sheet = workbook.createSheet("Tap limits");
            for (int r = 0; r < lines.size(); r++) {
                Row row = sheet.createRow(r);
                List<String> cells = splitCsv(lines.get(r).replace(replaceFrom, replaceTo));
                for (int c = 0; c < cells.size(); c++) {
                    if (!cells.get(c).isEmpty()) {
                        row.createCell(c).setCellValue(cells.get(c));
                    }
                }
            }
            workbook.write(out);
        }
    }

    private static List<String> splitCsv(String line) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"' && quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    @Test
    void anXlsxTableDecidesLikeTheCsvTable(@TempDir Path dir) throws Exception {
        TestDecisions.copyShipped(dir);
        Path csv = tapFile(dir, "tap-limits.csv");
        csvToXlsx(csv, tapFile(dir, "tap-limits.xlsx"), "", "");
        Files.delete(csv);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exitCode = ScenarioRunner.run(dir, TAP, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(exitCode).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        try (RuleEngine engine = new RuleEngine(dir, DecisionCatalog.standard())) {
            assertThat(engine.status().decision(TAP).files())
                    .containsExactly("tap-authorize/tap-authorize.drl", "tap-authorize/tap-limits.xlsx");
            assertThat(engine.decide(TAP, tap(50_001)).reasonCodes()).containsExactly("OVER_SINGLE_TAP_LIMIT");
        }
    }

    @Test
    void aBadCellInAnXlsxTableIsReportedOnItsRow(@TempDir Path dir) throws Exception {
        TestDecisions.copyShipped(dir);
        Path csv = tapFile(dir, "tap-limits.csv");
        int row = Files.readAllLines(csv).indexOf("TapLimitsCNY,CNY,50000,200000") + 1;
        csvToXlsx(csv, tapFile(dir, "tap-limits.xlsx"), "CNY,50000,", "CNY,five hundred yuan,");
        Files.delete(csv);

        try (RuleEngine engine = new RuleEngine(dir, DecisionCatalog.standard())) {
            assertThat(engine.status().decision(TAP).lastProblems()).singleElement().satisfies(problem -> {
                assertThat(problem.file()).isEqualTo("tap-authorize/tap-limits.xlsx");
                assertThat(problem.line()).isEqualTo(row);
            });
        }
    }
}
