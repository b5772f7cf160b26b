"""Notes on how the page was asked for: an unknown ?lang=, an unparsable secrets.toml."""

from streamlit.errors import StreamlitSecretNotFoundError

from dashboard import page_notes
from tests.helpers import run


class Secrets:
    def __init__(self, err=None, values=None):
        self.err, self.values = err, values or {}

    def get(self, key):
        if self.err:
            raise self.err
        return self.values.get(key)


def parse_error():
    return StreamlitSecretNotFoundError(
        "Error parsing secrets file at {path}: {error}",
        path="/app/.streamlit/secrets.toml",
        error="Expected '=' after a key in a key/value pair (at line 1, column 5)",
    )


def test_an_unparsable_secrets_file_is_reported_as_such_not_as_no_key():
    problem = page_notes.secrets_problem(Secrets(parse_error()))
    assert problem is not None
    assert "file cannot be parsed (Expected '='" in problem.render("en")
    assert problem.render("zh").startswith(".streamlit/secrets.toml:文件无法解析")


def test_no_secrets_file_and_a_good_one_give_no_note():
    missing = StreamlitSecretNotFoundError("No secrets found. Valid paths: {file_paths}", file_paths="x")
    assert page_notes.secrets_problem(Secrets(missing)) is None
    assert page_notes.secrets_problem(Secrets(values={"tianditu_tk": "k"})) is None


def test_an_unknown_lang_is_noted_on_the_page(signed_in):
    at = run({"lang": "fr"})
    assert not at.exception
    texts = [t.value for t in at.text]
    assert any("lang='fr'" in x and "不是可用的语言" in x for x in texts), texts


def test_a_known_lang_gives_no_note():
    assert page_notes.unknown_lang("en", "en") is None and page_notes.unknown_lang(None, "zh") is None
