package cn.canbao.web.roster;

import cn.canbao.batch.boundary.RosterImports;
import cn.canbao.roster.boundary.Rosters;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** {@code roster/imports.xhtml}: the roster imports, newest first, a page at a time from the database. */
@Named
@ViewScoped
public class RosterImportsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient RosterImports imports;

    private final Lines lines = new Lines();

    public class Lines extends LazyDataModel<Rosters.Summary> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) imports.count();
        }

        @Override
        public List<Rosters.Summary> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            setRowCount((int) imports.count());
            return imports.recent(first, pageSize);
        }

        @Override
        public String getRowKey(Rosters.Summary line) {
            return String.valueOf(line.importId());
        }

        @Override
        public Rosters.Summary getRowData(String rowKey) {
            return null;
        }
    }

    public Lines getLines() {
        return lines;
    }
}
