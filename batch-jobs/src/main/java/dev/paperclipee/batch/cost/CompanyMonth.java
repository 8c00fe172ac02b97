package dev.paperclipee.batch.cost;

import java.io.Serializable;
import java.time.YearMonth;
import java.util.UUID;

/**
 * One unit of the rollup step: a company's month. The key orders the step's items and is its
 * checkpoint, so a restarted job resumes after the last company-month it committed.
 */
record CompanyMonth(UUID companyId, YearMonth month) implements Serializable {

    String key() {
        return companyId + "/" + month;
    }
}
