"""Files made from a scenario (the Excel workbook, later reports). Never imports Streamlit."""
