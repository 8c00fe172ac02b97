package dev.paperclipee.batch.cost;

import jakarta.annotation.Resource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import javax.sql.DataSource;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * The rollup step's items: every company-month to materialize — the chosen company (or every
 * company) × the chosen month (or the current and the previous UTC month) — in key order. The
 * checkpoint is the key of the last company-month read; a restart skips it and everything
 * before it, so committed company-months are neither redone nor counted twice.
 */
@Named
@Dependent
public class CostRollupReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    String companyId;

    @Inject
    @BatchProperty
    String month;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource db;

    private final Deque<CompanyMonth> pending = new ArrayDeque<>();
    private String lastKey;

    @Override
    public void open(Serializable checkpoint) throws SQLException {
        lastKey = (String) checkpoint;
        List<YearMonth> months = JobParameters.months(month);
        List<CompanyMonth> all = new ArrayList<>();
        for (UUID company : companies(JobParameters.companyId(companyId))) {
            for (YearMonth m : months) {
                all.add(new CompanyMonth(company, m));
            }
        }
        all.sort(Comparator.comparing(CompanyMonth::key));
        for (CompanyMonth item : all) {
            if (lastKey == null || item.key().compareTo(lastKey) > 0) {
                pending.add(item);
            }
        }
    }

    @Override
    public Object readItem() {
        CompanyMonth next = pending.poll();
        if (next != null) {
            lastKey = next.key();
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastKey;
    }

    private List<UUID> companies(UUID only) throws SQLException {
        String sql = only == null ? "select id from companies" : "select id from companies where id = ?";
        List<UUID> ids = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (only != null) {
                s.setObject(1, only);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }
}
