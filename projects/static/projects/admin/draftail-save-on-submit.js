// Draftail copies an editor's content into its hidden form input only 250 ms after the last change. An editor
// who saves within that time (a quick click on "Save draft", Ctrl+S, a busy computer) would send the previous
// text and lose what was just typed. Before any admin form is submitted, write every rich text editor's current
// content into its input, the way Draftail itself does (comment highlights are kept out of the saved content).
(() => {
  const COMMENT_STYLE_PREFIX = 'COMMENT-';

  const writeEditorContent = (input) => {
    const editor = input.draftailEditor;
    if (!editor || !window.Draftail) return;
    const raw = window.Draftail.serialiseEditorStateToRaw(editor.getEditorState());
    if (raw) {
      raw.blocks.forEach((block) => {
        block.inlineStyleRanges = block.inlineStyleRanges.filter(
          (range) => !range.style.startsWith(COMMENT_STYLE_PREFIX),
        );
      });
    }
    input.rawContentState = raw;
    input.value = JSON.stringify(raw);
  };

  // Capture phase: before Wagtail's own submit handlers run and before the browser reads the form's data.
  document.addEventListener(
    'submit',
    (event) => {
      // StreamField's rich text blocks make their hidden inputs without the data-draftail-input attribute.
      event.target.querySelectorAll('input[type="hidden"]').forEach(writeEditorContent);
    },
    true,
  );
})();
