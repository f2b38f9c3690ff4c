"""What a screen reader is given of the page shown now: Chromium's full accessibility tree through
the DevTools protocol (Accessibility.getFullAXTree), shared by the browser checks."""

import re


class AXTree:
    def __init__(self, driver):
        self.nodes = driver.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
        self.by_id = {n["nodeId"]: n for n in self.nodes}
        # The nodes a screen reader reaches, in document order.
        self.shown = [n for n in self.nodes if not n.get("ignored")]

    @staticmethod
    def role(node):
        return node.get("role", {}).get("value")

    @staticmethod
    def text(node, key):
        return (node.get(key) or {}).get("value") or ""

    @staticmethod
    def prop(node, key):
        return next((p["value"].get("value") for p in node.get("properties", []) if p["name"] == key), None)

    def name(self, node):
        return self.text(node, "name")

    def descendants(self, node):
        stack = list(reversed(node.get("childIds", [])))
        while stack:
            child = self.by_id.get(stack.pop())
            if child:
                yield child
                stack += reversed(child.get("childIds", []))

    def outline_problems(self):
        """One main landmark, one heading of level 1 and no level skipped."""
        problems = []
        if sum(self.role(n) == "main" for n in self.shown) != 1:
            problems.append("the page has no single main landmark")
        levels = [self.prop(n, "level") for n in self.shown if self.role(n) == "heading"]
        if levels.count(1) != 1:
            problems.append(f"headings of levels {levels}: not one of level 1")
        for before, level in zip([1] + levels, levels):
            if level > before + 1:
                problems.append(f"headings of levels {levels}: a level skipped")
                break
        return problems

    def images(self):
        return [n for n in self.shown if self.role(n) == "image"]

    def chart_problems(self):
        """Every chart an image named by its description and said once: not again as its
        description, nor as the name of the scrolling region around it, and none of its labels and
        marks read one by one after it."""
        problems = []
        for image in self.images():
            label = self.name(image)
            if len(label) < 20:
                problems.append(f"a chart is named only {label!r}")
            if self.text(image, "description") == label:
                problems.append(f"the chart {label[:50]!r} is read twice: its description repeats its name")
            read = [self.name(d) for d in self.descendants(image) if not d.get("ignored") and self.role(d) == "StaticText"]
            if read:
                problems.append(f"the chart {label[:50]!r} has {len(read)} labels read one by one: {read[:3]}")
            parent = self.by_id.get(image.get("parentId"))
            if parent and self.role(parent) == "region" and self.name(parent) == label:
                problems.append(f"the chart {label[:50]!r} is read twice: its scrolling region has the same name")
        return problems

    def region_problems(self):
        """No table's scrolling region named by the table's caption or its start, which a screen
        reader then says twice; every table in such a region."""
        problems = []
        tables = [n for n in self.shown if self.role(n) == "table"]
        for table in tables:
            region = self.by_id.get(table.get("parentId"), {})
            label, caption = self.name(region), self.name(table)
            if self.role(region) != "region" or not label or not caption:
                problems.append(f"the table {caption[:50]!r} is not in a named scrolling region")
            elif caption.startswith(label) or label.startswith(caption):
                problems.append(f"the table {caption[:50]!r} is named twice: its scrolling region is {label!r}")
        if not tables:
            problems.append("no table is read")
        return problems

    def interval_problems(self, words):
        """Every interval in a table heard with its word (`words`: ` till `, ` to `), not its dash;
        the number of intervals heard."""
        problems, heard = [], 0
        for cell in (n for n in self.shown if self.role(n) == "cell"):
            label = self.name(cell)
            if re.search(r"\d[–-]\d", label):
                problems.append(f"an interval is read with its dash: {label!r}")
            heard += bool(re.fullmatch(r"[+−-]?[\d.,\u00a0]+" + words + r"[+−-]?[\d.,\u00a0]+", label))
        return problems, heard
