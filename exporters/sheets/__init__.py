"""Extra workbook sheets: each module here registers itself with `exporters.excel_registry`."""
