package dev.paperclipee.portability.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The skills, teams and recurring tasks a company got from packages ({@code company_package_items},
 * V027): kept as read, so an export writes them again.
 */
@Dependent
public class PackageItems {

    public static final String SKILL = "skill";
    public static final String TEAM = "team";
    public static final String RECURRING_TASK = "recurring_task";

    public record Item(String slug, String name, Map<String, Object> frontMatter, String body, Map<String, Object> routine) {
    }

    @PersistenceContext
    EntityManager em;

    public List<Item> list(UUID companyId, String kind) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select slug, name, front_matter::text, body, routine::text from company_package_items
                         where company_id = ? and kind = ? order by slug""")
                .setParameter(1, companyId).setParameter(2, kind).getResultList();
        List<Item> items = new ArrayList<>();
        for (Object[] r : rows) {
            items.add(new Item((String) r[0], (String) r[1], JsonMaps.map((String) r[2]), (String) r[3],
                    r[4] == null ? Map.of() : JsonMaps.map((String) r[4])));
        }
        return items;
    }

    /** Stores the item, replacing one of the same kind and slug. */
    public void put(UUID companyId, String kind, Item item) {
        em.createNativeQuery("""
                        insert into company_package_items (company_id, kind, slug, name, front_matter, body, routine)
                        values (?, ?, ?, ?, cast(? as json), ?, cast(nullif(?, 'null') as json))
                        on conflict (company_id, kind, slug) do update set name = excluded.name,
                            front_matter = excluded.front_matter, body = excluded.body, routine = excluded.routine""")
                .setParameter(1, companyId).setParameter(2, kind).setParameter(3, item.slug()).setParameter(4, item.name())
                .setParameter(5, JsonMaps.json(item.frontMatter()).toString()).setParameter(6, item.body() == null ? "" : item.body())
                .setParameter(7, item.routine() == null || item.routine().isEmpty() ? "null" : JsonMaps.json(item.routine()).toString())
                .executeUpdate();
    }
}
