"""The designer's workspace: edit an option on the plan or in tables, with its scores beside it.

page.py is the page; state (undo history and saving), panels and cache are its streamlit glue;
analysis and payload are pure (scores, overlays, and the JSON the editor component draws);
editor/ is the drawing component itself."""
