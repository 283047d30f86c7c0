"""Drives the ministack console in headless Chromium (Debian's chromium and chromium-driver,
Selenium from PyPI) against a running `ministack serve` with the example project:

1. the admin-secret prompt appears and the secret is kept;
2. the explorer highlights, completes `au` to `author`, prettifies, and runs a query with
   Ctrl+Enter, showing the rows;
3. the data browser lists `author` with its row count, browses it, and edits row 4 (checked
   afterwards through /v1/graphql);
4. the event trigger `author_changed` shows the invocation that edit caused, with status 200;
5. the history lists the query run, and the docs browser shows `author`'s fields;
6. the SQL tab creates a table, the data view tracks it and adds the relationship its foreign
   key suggests, a row is inserted and deleted, and a select permission is granted;
7. the metadata view reports the metadata consistent and exports it.

A screenshot of each step is saved in --screenshots. Exits non-zero on the first failure.
"""

import argparse
import json
import os
import sys
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

EDITED_NAME = "Brian O'Brien (edited in the console)"


def parse_arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="the server, such as http://127.0.0.1:8080")
    parser.add_argument("--admin-secret", required=True)
    parser.add_argument("--screenshots", required=True, help="directory for the PNG screenshots")
    parser.add_argument("--label", default="console", help="prefix of the screenshot files")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    return parser.parse_args()


def start_browser(arguments):
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,900"):
        options.add_argument(flag)
    options.binary_location = arguments.chromium
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(arguments.chromedriver), options=options)


class ConsoleTest:
    def __init__(self, browser, arguments):
        self.browser = browser
        self.arguments = arguments
        self.wait = WebDriverWait(browser, 20)

    def step(self, name):
        print("step:", name, flush=True)

    def screenshot(self, name):
        path = os.path.join(self.arguments.screenshots, f"{self.arguments.label}-{name}.png")
        self.browser.save_screenshot(path)
        print("screenshot:", path, flush=True)

    def open(self, path):
        self.browser.get(self.arguments.url + path)

    def find(self, selector):
        return self.wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, selector)))

    def clickable(self, selector):
        return self.wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, selector)))

    def text_appears(self, selector, text):
        self.wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, selector), text))

    def graphql(self, query):
        request = urllib.request.Request(
            self.arguments.url + "/v1/graphql",
            data=json.dumps({"query": query}).encode(),
            headers={"content-type": "application/json", "x-hasura-admin-secret": self.arguments.admin_secret},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def admin_secret_prompt(self):
        self.step("the console asks for the admin secret")
        self.open("/console/explorer")
        dialog = self.find("#secret-dialog[open]")
        dialog.find_element(By.ID, "secret-input").send_keys(self.arguments.admin_secret)
        dialog.find_element(By.ID, "secret-save").click()
        stored = self.browser.execute_script("return localStorage.getItem('ministack.adminSecret')")
        assert stored == self.arguments.admin_secret, f"secret not kept: {stored!r}"

    def editor_text(self, text):
        editor = self.find(".gql-editor textarea")
        editor.click()
        editor.send_keys(Keys.CONTROL, "a")
        editor.send_keys(Keys.DELETE)
        editor.send_keys(text)
        return editor

    def explorer(self):
        self.step("the explorer completes, highlights, prettifies and runs a query")
        editor = self.editor_text("{ au")
        # The schema arrives asynchronously; Ctrl+Space asks again once it has.
        try:
            self.find("li.gql-completion[data-label='author']")
        except TimeoutException:
            editor.send_keys(Keys.CONTROL, " ")
            self.find("li.gql-completion[data-label='author']")
        labels = [item.get_attribute("data-label") for item in self.browser.find_elements(By.CSS_SELECTOR, "li.gql-completion")]
        assert "author_aggregate" in labels and "author_by_pk" in labels, f"completions: {labels}"
        editor.send_keys(Keys.ENTER)
        value = editor.get_attribute("value")
        assert value == "{ author", f"completion not accepted: {value!r}"
        editor = self.editor_text("query Authors { author(order_by: {id: asc}, limit: 3) { id name } }")
        editor.send_keys(Keys.ESCAPE)
        keywords = self.browser.find_elements(By.CSS_SELECTOR, ".gql-highlight .tok-keyword")
        assert any(span.text == "query" for span in keywords), "the keyword is not highlighted"
        self.clickable("#prettify").click()
        pretty = editor.get_attribute("value")
        assert pretty.startswith("query Authors {\n  author(order_by: {id: asc}, limit: 3) {\n    id\n"), f"prettify: {pretty!r}"
        editor.send_keys(Keys.CONTROL, Keys.ENTER)
        self.text_appears("#result", "Ada Lovelace")
        result = json.loads(self.find("#result").text)
        assert [row["id"] for row in result["data"]["author"]] == [1, 2, 3], result
        self.screenshot("explorer")

    def edit_row(self):
        self.step("the data browser lists author, browses it and edits row 4")
        self.open("/console/data")
        self.text_appears("[data-table='author']", "6 rows")
        self.browser.find_element(By.LINK_TEXT, "author").click()
        self.find("table#rows")
        row = self.wait.until(lambda browser: next((
            line for line in browser.find_elements(By.CSS_SELECTOR, "table#rows tbody tr")
            if line.find_element(By.CSS_SELECTOR, "td[data-column='id']").text == "4"), None))
        row.find_element(By.XPATH, ".//button[text()='Edit']").click()
        name = self.find("#edit-row input[name='name']")
        name.clear()
        name.send_keys(EDITED_NAME)
        self.find("#edit-row button[type='submit']").click()
        self.text_appears(".notice.success", "Row saved")
        self.text_appears("table#rows", EDITED_NAME)
        answer = self.graphql("{ author_by_pk(id: 4) { name } }")
        assert answer["data"]["author_by_pk"]["name"] == EDITED_NAME, answer
        self.screenshot("data")

    def event_invocations(self):
        self.step("the event trigger shows the invocation the edit caused")
        self.open("/console/events")
        self.clickable("#event-triggers a").click()
        for _ in range(30):
            self.clickable("a[data-tab='invocations']").click()
            try:
                WebDriverWait(self.browser, 1).until(
                    ec.presence_of_element_located((By.CSS_SELECTOR, "table#invocations .status.ok")))
                break
            except TimeoutException:
                continue
        status = self.find("table#invocations .status.ok")
        assert status.text == "200", status.text
        self.find("table#invocations button[data-invocation]").click()
        self.text_appears("#invocation-details", EDITED_NAME)
        self.screenshot("events")

    def history_and_docs(self):
        self.step("the history lists the query; the docs browser shows a type's fields")
        self.open("/console/explorer")
        self.clickable("#history-button").click()
        self.text_appears("#history", "query Authors")
        self.clickable("#docs-button").click()
        search = self.find("#docs-search")
        search.send_keys("author_bool")
        self.clickable("ul.docs-types button").click()
        self.text_appears("#docs-type", "author_bool_exp")
        self.text_appears("aside.side", "_and")
        self.screenshot("docs")

    def sql_track_and_rows(self):
        self.step("SQL creates a table; it is tracked, related, written to and permitted")
        self.open("/console/data/sql")
        sql = self.find("#sql")
        sql.clear()
        sql.send_keys("CREATE TABLE fan_club (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES author (id), motto TEXT)")
        read_only = self.find("input[type='checkbox']")
        if read_only.is_selected():
            read_only.click()
        self.clickable("#run-sql").click()
        self.text_appears("#sql-result", "SQL executed")
        sql.clear()
        sql.send_keys("SELECT id, name FROM author WHERE id < 3 ORDER BY id")
        self.clickable("#run-sql").click()
        self.text_appears("#sql-result", "Ada Lovelace")

        self.open("/console/data")
        self.clickable("[data-untracked='fan_club'] button").click()
        self.text_appears("[data-table='fan_club']", "0 rows")
        suggestions = self.wait.until(lambda browser: browser.find_elements(By.CSS_SELECTOR, "ul.suggestions li") or None)
        texts = [item.text for item in suggestions]
        assert any("fan_club (author_id) → author (id)" in text for text in texts), texts
        # Both directions, fan_club.author and author.fan_clubs, one click each: each click
        # re-renders the page once the relationship is created.
        for _ in range(len(suggestions)):
            button = self.find("ul.suggestions li button")
            button.click()
            self.wait.until(ec.staleness_of(button))
        self.text_appears("[data-source='default']", "No relationships to suggest.")

        self.browser.find_element(By.LINK_TEXT, "fan_club").click()
        self.clickable("a[data-tab='insert']").click()
        self.find("#insert-row input[name='id']").send_keys("7")
        self.find("#insert-row input[name='author_id']").send_keys("1")
        self.find("#insert-row input[name='motto']").send_keys("Poetical science")
        self.find("#insert-row button[type='submit']").click()
        self.text_appears(".notice.success", "Row inserted")
        answer = self.graphql("{ author_by_pk(id: 1) { fan_clubs { motto } } } ")
        assert answer.get("data", {}).get("author_by_pk", {}).get("fan_clubs") == [{"motto": "Poetical science"}], answer

        self.clickable("a[data-tab='browse']").click()
        self.text_appears("table#rows", "Poetical science")
        self.browser.execute_script("window.confirm = () => true")
        self.find("table#rows tbody tr button.danger").click()
        self.text_appears(".notice.success", "Row deleted")
        answer = self.graphql("{ fan_club_aggregate { aggregate { count } } }")
        assert answer["data"]["fan_club_aggregate"]["aggregate"]["count"] == 0, answer

        self.clickable("a[data-tab='permissions']").click()
        self.find("#permissions input[aria-label='new role']").send_keys("viewer")
        self.clickable("#permissions button[data-new-operation='select']").click()
        self.find("#permission-json")
        self.clickable("#save-permission").click()
        self.find("#permissions button.cell.allowed[data-role='viewer'][data-operation='select']")
        self.screenshot("permissions")

    def metadata_view(self):
        self.step("the metadata view: consistent, exported")
        self.open("/console/settings")
        self.text_appears("#inconsistencies", "consistent")
        self.clickable("#export-metadata").click()
        exported = json.loads(self.find("#exported-metadata").text)
        fan_club = next(entry for entry in exported["sources"][0]["tables"] if entry["table"]["name"] == "fan_club")
        assert [permission["role"] for permission in fan_club["select_permissions"]] == ["viewer"], fan_club
        assert [relationship["name"] for relationship in fan_club["object_relationships"]] == ["author"], fan_club

    def no_errors_logged(self):
        # The requests turned away before the admin secret was given are expected.
        errors = [
            entry for entry in self.browser.get_log("browser")
            if entry["level"] == "SEVERE" and "status of 401" not in entry["message"]
        ]
        assert not errors, f"the browser logged errors: {errors}"


def main():
    arguments = parse_arguments()
    os.makedirs(arguments.screenshots, exist_ok=True)
    browser = start_browser(arguments)
    test = ConsoleTest(browser, arguments)
    try:
        test.admin_secret_prompt()
        test.explorer()
        test.edit_row()
        test.event_invocations()
        test.history_and_docs()
        test.sql_track_and_rows()
        test.metadata_view()
        test.no_errors_logged()
    except Exception:
        test.screenshot("failure")
        print("page text at the failure:\n" + browser.find_element(By.TAG_NAME, "body").text[:3000], file=sys.stderr)
        raise
    finally:
        browser.quit()
    print("console test passed", flush=True)


if __name__ == "__main__":
    main()
