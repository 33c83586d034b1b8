package cn.canbao.web.counter;

import cn.canbao.person.boundary.Persons;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * {@code counter/find.xhtml}: residents of the caller's area by ID number (its leading digits), name or household
 * number, a page at a time from the database; ID numbers masked in the list, full on the person's own page. The
 * counter's first screen: the search field has the focus, and a whole valid ID number followed by Enter — what an
 * ID-card reader types — opens that resident's page, or the registration form with the number filled in when the
 * resident is not registered yet.
 */
@Named
@ViewScoped
public class FindView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Persons persons;

    private String query;
    private final Lines lines = new Lines();

    /**
     * The search button and Enter: a whole valid ID number goes straight to the resident (or to registering them);
     * anything else lists the matches. A resident of another area is refused with a message, as on the API.
     */
    public String search() {
        String q = query == null ? "" : query.trim().toUpperCase(java.util.Locale.ROOT);
        if (q.length() != 18) {
            return null;
        }
        try {
            cn.canbao.platform.entity.IdNumber.of(q);
        } catch (IllegalArgumentException notAnIdNumber) {
            return null;
        }
        try {
            return "/counter/person?faces-redirect=true&person=" + persons.byIdNumber(q).getId();
        } catch (cn.canbao.platform.boundary.ProblemException problem) {
            if (problem.kind() == cn.canbao.platform.boundary.ProblemException.Kind.NOT_FOUND) {
                return "/counter/register?faces-redirect=true&idNumber=" + q;
            }
            Faces.refused(problem);
            return null;
        }
    }

    /** The table's pages: each asks the boundary for one page and the number of matches. */
    public class Lines extends LazyDataModel<PersonLine> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) persons.search(query, 0, 1).total();
        }

        @Override
        public List<PersonLine> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            Persons.Found found = persons.search(query, first, pageSize);
            setRowCount((int) found.total());
            return found.persons().stream().map(PersonLine::of).toList();
        }

        @Override
        public String getRowKey(PersonLine line) {
            return String.valueOf(line.personId());
        }

        @Override
        public PersonLine getRowData(String rowKey) {
            return null;
        }
    }

    public Lines getLines() {
        return lines;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }
}
