"""What the Streamlit app needs beside its pages: session state, UI helpers, data for widgets."""
