package cn.canbao.web.batch;

import cn.canbao.batch.boundary.BatchJobs;
import cn.canbao.batch.boundary.JobDefinition;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** {@code batch/executions.xhtml?job=}: executions of all jobs (or one), newest first, a page at a time. */
@Named
@ViewScoped
public class ExecutionsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient BatchJobs jobs;

    private String job;
    private final Lines lines = new Lines();

    public class Lines extends LazyDataModel<BatchJobs.Execution> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return jobs.page(jobName(), 0, 1).total();
        }

        @Override
        public List<BatchJobs.Execution> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            BatchJobs.Page page = jobs.page(jobName(), first, pageSize);
            setRowCount(page.total());
            return page.executions();
        }

        @Override
        public String getRowKey(BatchJobs.Execution e) {
            return String.valueOf(e.executionId());
        }

        @Override
        public BatchJobs.Execution getRowData(String rowKey) {
            return null;
        }
    }

    private String jobName() {
        return job == null || job.isBlank() || jobs.jobs().stream().noneMatch(d -> d.id().equals(job)) ? null : job;
    }

    public List<String> getJobNames() {
        return jobs.jobs().stream().map(JobDefinition::id).toList();
    }

    public Lines getLines() { return lines; }
    public String getJob() { return job; }
    public void setJob(String job) { this.job = job; }
}
