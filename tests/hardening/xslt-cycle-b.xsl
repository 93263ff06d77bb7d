<?xml version="1.0" encoding="UTF-8"?>
<!-- The other half of the import cycle of xslt-cycle-a.xsl. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="xslt-cycle-a.xsl"/>
</xsl:stylesheet>
