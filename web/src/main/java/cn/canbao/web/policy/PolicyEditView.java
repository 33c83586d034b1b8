package cn.canbao.web.policy;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.PolicyLint;
import cn.canbao.web.platform.Texts;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.file.UploadedFile;

import java.io.Serializable;
import java.io.StringReader;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code policy/edit.xhtml?id=}: replace a policy (or add one) from its JSON document, uploaded as a file or
 * edited in place. A refused document changes nothing; every violation is listed against its row.
 */
@Named
@ViewScoped
public class PolicyEditView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A violation as the screen lists it: the row (e.g. {@code catalogue[1] code 104 tier 1}), rule and text. */
    public record Problem(String row, String rule, String message) implements Serializable {
    }

    @Inject
    transient Policies policies;

    private String id;
    /** {@code ?from=}: the policy whose next year's draft the editor opens (docs/decisions.md 48). */
    private String from;
    private String note;
    private List<PolicyLint.Warning> warnings = List.of();
    private Integer savedVersion;
    private String document;
    private String refusal;
    private final List<Problem> problems = new ArrayList<>();
    private boolean loaded;
    private Boolean readOnly;
    /** The same document as a form (tab 表单); null when it is not a JSON object. Re-read after every save. */
    private PolicyForm form;
    /** Problems of the last refused form save by table row ("catalogue:1") or rule member ("rule:continuity"). */
    private final Map<String, List<String>> rowProblems = new HashMap<>();

    /** f:viewAction: the stored document of {@code id}, or an empty editor for a new policy. */
    public void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        if ((id == null || id.isBlank()) && from != null && !from.isBlank()) {
            draft();
            return;
        }
        if (id == null || id.isBlank()) {
            return;
        }
        try {
            document = pretty(policies.document(id));
            form = PolicyForm.read(document);
        } catch (ProblemException problem) {
            message(FacesMessage.SEVERITY_WARN, Texts.refusal(problem));
        }
    }

    /** Next year's policy drafted from {@code from}, in the editor for the administrator to check and save. */
    private void draft() {
        try {
            Policies.Draft draft = policies.nextYearDraft(from, null);
            document = pretty(draft.document());
            form = PolicyForm.read(document);
            warnings = draft.warnings();
            message(FacesMessage.SEVERITY_INFO, MessageFormat.format(Texts.text("policy.edit.drafted",
                    "Drafted {0} from {1}: every date one year later, amounts kept. Check it against the new notice, then save."),
                    draft.policyId(), from));
            if (draft.exists()) {
                message(FacesMessage.SEVERITY_WARN, MessageFormat.format(Texts.text("policy.edit.draftExists",
                        "{0} exists already: saving replaces it (its earlier versions are kept)."), draft.policyId()));
            }
        } catch (ProblemException problem) {
            message(FacesMessage.SEVERITY_WARN, Texts.refusal(problem));
        }
    }

    /** Another district's policy: shown, not saved (Policies refuses it too, 403 POLICY_OUTSIDE_AREA). */
    public boolean isReadOnly() {
        if (readOnly == null) {
            readOnly = id != null && !id.isBlank() && policies.list().stream().anyMatch(p -> p.policyId().equals(id))
                    && !policies.callerMayEdit(id);
        }
        return readOnly;
    }

    public void save() {
        problems.clear();
        rowProblems.clear();
        refusal = null;
        warnings = List.of();
        savedVersion = null;
        if (document == null || document.isBlank()) {
            refusal = Texts.text("policy.edit.empty", "The document is empty.");
            return;
        }
        String target = id == null || id.isBlank() ? declaredId(document) : id;
        try {
            Policies.Saved saved = policies.put(target, document, note);
            id = saved.policy().policyId();
            from = null;
            note = null;
            readOnly = null;
            document = pretty(policies.document(id));
            form = PolicyForm.read(document);
            warnings = saved.warnings();
            savedVersion = saved.version();
            message(FacesMessage.SEVERITY_INFO, Texts.text(saved.created() ? "policy.edit.created" : "policy.edit.saved",
                    "Saved") + " " + id + " " + MessageFormat.format(Texts.text("policy.edit.version", "(version {0})"),
                    saved.version()));
        } catch (ProblemException problem) {
            for (FieldError error : problem.errors()) {
                Problem found = toProblem(error);
                problems.add(found);
                rowProblems.computeIfAbsent(rowKey(found.row()), k -> new ArrayList<>()).add(found.message());
            }
            // the table lists every violation; the summary only counts them
            refusal = "POLICY_INVALID".equals(problem.code())
                    ? MessageFormat.format(Texts.text("policy.edit.problemCount", "{0} problem(s), listed below."), problems.size())
                    : Texts.refusal(problem);
        }
    }

    /**
     * Tab 表单: the form's edits written into the document it was read from, then saved exactly like the JSON tab
     * (Policies.put, every load check). A refused save keeps what was typed and shows each problem on its row;
     * the JSON tab keeps the stored document until a save succeeds (decision 51).
     */
    public void saveForm() {
        if (form == null || isReadOnly()) {
            return;
        }
        String typed = document;
        try {
            document = form.compose();
        } catch (PolicyForm.FragmentException notJson) {
            problems.clear();
            rowProblems.clear();
            String text = MessageFormat.format(Texts.text("policy.form.notJson", "{0}: not valid JSON ({1})."),
                    ruleLabel(notJson.member()), notJson.getMessage());
            rowProblems.put("rule:" + notJson.member(), List.of(text));
            refusal = text;
            return;
        }
        PolicyForm typedForm = form;
        save();
        if (refusal != null) {
            // nothing was saved: the form keeps what the user typed, the JSON tab the document it showed
            form = typedForm;
            document = typed;
        }
    }

    public void addTier() {
        form.addTier();
    }

    public void removeTier(int index) {
        form.removeTier(index);
    }

    public void addWindow() {
        form.addWindow();
    }

    public void removeWindow(int index) {
        form.getWindows().remove(index);
    }

    public void addCategory() {
        form.addCategory();
    }

    public void removeCategory(int index) {
        form.getCatalogue().remove(index);
    }

    /** The problems of the last refused save on a row of a form table ({@code "catalogue"}, 1), joined. */
    public String rowProblems(String table, int index) {
        return String.join("；", rowProblems.getOrDefault(table + ":" + index, List.of()));
    }

    public String ruleProblems(String member) {
        return String.join("；", rowProblems.getOrDefault("rule:" + member, List.of()));
    }

    /** A rule member's name in the user's language ({@code continuity} → 连续参保等待期). */
    public String ruleLabel(String member) {
        return Texts.text("policy.form.rule." + member, member);
    }

    /** "catalogue[1] code 104 tier 1" → "catalogue:1"; "continuity.events[0] …" → "rule:continuity"; else "". */
    static String rowKey(String where) {
        if (where == null) {
            return "";
        }
        Matcher row = ROW.matcher(where);
        if (row.find()) {
            return row.group(1) + ":" + row.group(2);
        }
        for (String member : PolicyForm.RULE_MEMBERS) {
            if (where.startsWith(member) || where.startsWith("$." + member)) {
                return "rule:" + member;
            }
        }
        return "";
    }

    private static final Pattern ROW = Pattern.compile("(?:^|\\$\\.)(tiers|windows|catalogue)\\[(\\d+)]");

    public void upload(FileUploadEvent event) {
        UploadedFile file = event.getFile();
        try {
            document = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file.getContent())).toString();
        } catch (CharacterCodingException e) {
            problems.clear();
            refusal = Texts.text("policy.edit.notUtf8", "The file is not UTF-8 text.") + " " + file.getFileName();
            return;
        }
        if (!document.isEmpty() && document.charAt(0) == '\uFEFF') {
            document = document.substring(1);
        }
        save();
    }

    /** "AMOUNTS_SUM_TO_STANDARD: 中文 / English" → rule and the message in the user's language. */
    private static Problem toProblem(FieldError error) {
        String message = error.message() == null ? "" : error.message();
        String rule = "";
        int colon = message.indexOf(": ");
        if (colon > 0 && message.substring(0, colon).matches("[A-Z_()]+")) {
            rule = message.substring(0, colon);
            message = message.substring(colon + 2);
        }
        return new Problem(error.field(), rule, Texts.pick(message));
    }

    /** The stored document is compact JSON: indented it is editable by hand. */
    private static String pretty(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonStructure read = reader.read();
            StringWriter out = new StringWriter();
            try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
                writer.write(read);
            }
            return out.toString().strip() + "\n";
        } catch (RuntimeException e) {
            return json;
        }
    }

    /** The document's own policyId, for a new policy; blank when unreadable (the save then reports why). */
    private static String declaredId(String document) {
        try (JsonReader reader = Json.createReader(new StringReader(document))) {
            JsonObject object = reader.readObject();
            return object.get("policyId") instanceof JsonString s ? s.getString() : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getDocument() {
        return document;
    }

    public void setDocument(String document) {
        this.document = document;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public List<PolicyLint.Warning> getWarnings() {
        return warnings;
    }

    public Integer getSavedVersion() {
        return savedVersion;
    }

    public PolicyForm getForm() {
        return form;
    }

    public String getRefusal() {
        return refusal;
    }

    public List<Problem> getProblems() {
        return problems;
    }
}
